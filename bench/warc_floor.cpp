// warc_floor [--threads N] FILE...: the least any reader of these WARC
// files can take with the stack's libraries, before it extracts anything.
// Every gzip member is inflated (zlib), every record framed by its
// Content-Length, and every response holding an HTML page has its HTTP body
// decoded (chunked; gzip) and parsed into a tree by libxml2 with the
// options newsindex uses, on N threads (default: one per core); nothing
// else. What newsindex adds on top is its own work: the article rule,
// fields, identity, the index. Prints {"seconds": S, "records": R,
// "pages": P} on stdout.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

// Inflates gzip data of one or more members back to back.
std::string gunzip(std::string_view data) {
    std::string out;
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("zlib");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    char buffer[1 << 16];
    while (z.avail_in > 0) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        int status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
        if (status == Z_STREAM_END) {
            inflateReset(&z);
        } else if (status != Z_OK) {
            break;
        }
    }
    inflateEnd(&z);
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The value of header `name` (lower case) in `head`, "" when absent.
std::string field(std::string_view head, std::string_view name) {
    std::string lowered = lower(head);
    std::size_t at = lowered.find(fmt::format("\n{}:", name));
    if (at == std::string::npos) return "";
    std::size_t begin = at + name.size() + 2, end = head.find('\n', begin);
    std::string_view value = head.substr(begin, end - begin);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.remove_suffix(1);
    return std::string(value);
}

std::string dechunk(std::string_view body) {
    std::string out;
    std::size_t at = 0;
    while (at < body.size()) {
        std::size_t eol = body.find("\r\n", at);
        if (eol == std::string_view::npos) break;
        std::size_t size = std::stoul(std::string(body.substr(at, eol - at)), nullptr, 16);
        if (size == 0) break;
        out.append(body.substr(eol + 2, size));
        at = eol + 2 + size + 2;
    }
    return out;
}

// An HTTP response's HTML body decoded, or nothing when it holds no page.
std::optional<std::string> html_body(std::string_view http) {
    std::size_t end = http.find("\r\n\r\n");
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view head = http.substr(0, end + 2);
    if (head.find(" 200 ") == std::string_view::npos || lower(field(head, "content-type")).find("html") == std::string::npos)
        return std::nullopt;
    std::string body(http.substr(end + 4));
    if (lower(field(head, "transfer-encoding")).find("chunked") != std::string::npos) body = dechunk(body);
    if (lower(field(head, "content-encoding")) == "gzip") body = gunzip(body);
    return body;
}

// Parses the page a response holds; whether it held one.
bool parse_page(const std::string& http) {
    std::optional<std::string> body = html_body(http);
    if (!body) return false;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
    xmlDoc* doc = htmlReadMemory(body->data(), static_cast<int>(body->size()), nullptr, nullptr, options);
    if (doc != nullptr) xmlFreeDoc(doc);
    return true;
}

// Calls `record(head, block)` for each record of the WARC stream `text`
// from `at` that is complete; returns where the first incomplete one starts.
template <class Record>
std::size_t complete_records(const std::string& text, std::size_t at, Record&& record) {
    constexpr std::string_view kStart = "WARC/1.";
    for (;;) {
        std::size_t found = text.find(kStart, at);
        // Not found: the text's end may hold the start of the marker.
        if (found == std::string::npos) return std::max(at, text.size() - std::min(text.size(), kStart.size()));
        at = found;
        std::size_t end = text.find("\r\n\r\n", at);
        if (end == std::string::npos) return at;
        std::string_view head(text.data() + at, end + 2 - at);
        std::string length = field(head, "content-length");
        std::size_t size = length.empty() ? 0 : std::stoul(length);
        if (end + 4 + size > text.size()) return at;
        record(head, std::string_view(text).substr(end + 4, size));
        at = end + 4 + size;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The stack's floor for reading WARC files: inflate, frame, parse each HTML page"};
    std::vector<std::string> files;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    app.add_option("FILE", files, "WARC files (.warc.gz, one gzip member per record)")->required();
    app.add_option("--threads", threads, "Threads parsing pages");
    CLI11_PARSE(app, argc, argv);
    xmlInitParser();

    auto start = std::chrono::steady_clock::now();
    std::mutex mutex;
    std::condition_variable ready, room;
    std::deque<std::string> queue;
    bool done = false;
    std::atomic<std::size_t> pages = 0;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (;;) {
                std::string http;
                {
                    std::unique_lock lock(mutex);
                    ready.wait(lock, [&] { return done || !queue.empty(); });
                    if (queue.empty()) return;
                    http = std::move(queue.front());
                    queue.pop_front();
                }
                room.notify_one();
                if (parse_page(http)) ++pages;
            }
        });
    }
    std::size_t records = 0;
    auto record = [&](std::string_view head, std::string_view block) {
        ++records;
        if (lower(field(head, "warc-type")) != "response") return;
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return queue.size() < 64; });
        queue.emplace_back(block);
        ready.notify_one();
    };
    for (const std::string& file : files) {
        // Inflated a piece at a time, its complete records handed out as
        // they come.
        std::ifstream in(file, std::ios::binary);
        z_stream z{};
        if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("zlib");
        std::vector<char> input(1 << 20);
        char output[1 << 16];
        std::string text;
        std::size_t at = 0;
        while (in.read(input.data(), static_cast<std::streamsize>(input.size())) || in.gcount() > 0) {
            z.next_in = reinterpret_cast<Bytef*>(input.data());
            z.avail_in = static_cast<uInt>(in.gcount());
            while (z.avail_in > 0) {
                z.next_out = reinterpret_cast<Bytef*>(output);
                z.avail_out = sizeof output;
                int status = inflate(&z, Z_NO_FLUSH);
                text.append(output, sizeof output - z.avail_out);
                if (status == Z_STREAM_END) inflateReset(&z);
                else if (status != Z_OK && status != Z_BUF_ERROR) throw std::runtime_error(file + ": bad gzip data");
            }
            at = complete_records(text, at, record);
            text.erase(0, at);
            at = 0;
        }
        inflateEnd(&z);
    }
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    ready.notify_all();
    for (std::thread& worker : workers) worker.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("{{\"seconds\": {:.3f}, \"records\": {}, \"pages\": {}}}\n", seconds, records, pages.load());
}
