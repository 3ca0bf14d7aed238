// open_warc_archive: the WARC reader. The file's records come from
// WarcStream (warc_archive_stream.h); each response or resource record's
// bytes are copied into a batch whose parse, on a parser thread, undoes
// the HTTP encodings (http_response.h) and extracts the article
// (article_html.h). What maps to which field: corpus/README.md.
#include "indexer/archive_reader.h"
#include "indexer/article_html.h"
#include "indexer/http_response.h"
#include "indexer/record_fields.h"
#include "indexer/warc_archive_stream.h"

#include "schema/time.h"
#include "schema/url.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <sys/stat.h>
#include <variant>
#include <vector>

namespace newsindex::indexer {

namespace {

// Records (or bytes of them) handed to a parser thread at a time.
constexpr std::size_t kBatchRecords = 256;
constexpr std::size_t kBatchBytes = 4u << 20;
// The fingerprint covers the file's first bytes: a different file at the
// same path is read whole.
constexpr std::size_t kFingerprintBytes = 1024;

// The state kept between runs: "warc1 SIZE FINGERPRINT OFFSET SKIP", the
// file's size and fingerprint when read, and where its first unread
// record starts (WarcPosition).
struct WarcCursor {
    std::uint64_t size = 0;
    std::uint64_t fingerprint = 0;
    WarcPosition next;

    std::string to_string() const {
        return fmt::format("warc1 {} {:016x} {} {}", size, fingerprint, next.offset, next.skip);
    }
    static std::optional<WarcCursor> parse(const std::string& text) {
        std::istringstream in(text);
        std::string tag;
        WarcCursor cursor;
        in >> tag >> cursor.size >> std::hex >> cursor.fingerprint >> std::dec >> cursor.next.offset >>
            cursor.next.skip;
        if (in.fail() || tag != "warc1") return std::nullopt;
        return cursor;
    }
};

enum class RecordKind { kResponse, kResource, kRevisit };

// A record waiting for a parser thread, or its outcome already known.
struct PendingRecord {
    WarcPosition at;
    RecordKind kind = RecordKind::kResource;
    HeaderFields headers;   // WARC fields
    std::string block;
    std::optional<std::variant<Rejection, Skip>> known;
};

std::string at_offset(const WarcPosition& at, std::string_view reason) {
    return fmt::format("record at offset {}: {}", at.to_string(), reason);
}

// The media type is HTML, or (none given) the body looks like a page.
bool is_html(const std::string* content_type, std::string_view body) {
    if (content_type != nullptr && !content_type->empty()) return is_html_media_type(media_type(*content_type));
    std::string head;
    for (char c : body.substr(0, 512)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

// A status that is not a page: a redirect or an error ("" for a page).
std::string status_skip(int status) {
    if (status >= 300 && status < 400 && status != 304) return "redirect";
    if (status != 200 && status != 203) return fmt::format("HTTP {}", status);
    return "";
}

std::variant<Capture, Rejection, Skip> parse_record(const PendingRecord& pending, const std::string& file,
                                                    std::size_t max_bytes) {
    InputLocation where{file, 0};
    auto reject = [&](std::string_view reason) { return Rejection{where, at_offset(pending.at, reason)}; };
    auto skip = [&](std::string reason) { return Skip{where, std::move(reason), false}; };

    std::string url;
    if (const std::string* target = pending.headers.find("WARC-Target-URI")) url = *target;
    if (url.size() >= 2 && url.front() == '<' && url.back() == '>') url = url.substr(1, url.size() - 2);
    if (url.empty()) return reject("no WARC-Target-URI");
    const std::string* date = pending.headers.find("WARC-Date");
    std::optional<schema::CaptureTime> captured = date == nullptr ? std::nullopt : schema::parse_time(*date);
    if (!captured) return reject(fmt::format("bad WARC-Date {}", quoted_for_message(date ? *date : "")));

    schema::VersionRecord record;
    record.article.source = schema::url_host(url);
    if (record.article.source.empty()) return reject(fmt::format("no host in WARC-Target-URI {}", quoted_for_message(url)));
    record.url = std::move(url);
    record.captured_at = *captured;

    if (pending.kind == RecordKind::kRevisit) {
        // "Seen again, unchanged": the page's payload is that of an earlier
        // record. Its HTTP head, where the record keeps one, tells a page
        // from an image or a redirect; without one it is taken as a page.
        try {
            HttpResponse head = parse_http_head(pending.block);
            if (std::string status = status_skip(head.status); !status.empty()) return skip(status);
            const std::string* type = head.headers.find("Content-Type");
            if (type != nullptr && !type->empty() && !is_html_media_type(media_type(*type))) return skip("not HTML");
        } catch (const HttpError&) {
        }
        try {
            complete_seen_again(record);
        } catch (const BadRecord& bad) {
            return reject(bad.what());
        }
        return Capture{std::move(record), std::move(where)};
    }

    std::string body_store;
    std::string_view body = pending.block;
    const std::string* content_type = pending.headers.find("Content-Type");
    std::string http_content_type;
    if (pending.kind == RecordKind::kResponse) {
        if (content_type != nullptr && media_type(*content_type) != "application/http") return skip("not HTML");
        HttpResponse response;
        try {
            response = parse_http_response(pending.block, max_bytes);
        } catch (const HttpError& error) {
            return reject(fmt::format("bad HTTP response: {}", error.what()));
        }
        if (std::string status = status_skip(response.status); !status.empty()) return skip(status);
        if (const std::string* type = response.headers.find("Content-Type")) http_content_type = *type;
        body_store = std::move(response.body);
        body = body_store;
        content_type = response.headers.find("Content-Type") ? &http_content_type : nullptr;
    }
    if (!is_html(content_type, body)) return skip("not HTML");

    Article article;
    try {
        article = extract_article(body, content_type ? charset_parameter(*content_type) : "", record.url);
    } catch (const PageError& error) {
        return reject(error.what());
    }
    if (article.text.empty()) return skip(std::string(kNoArticleText));

    record.title = std::move(article.title);
    record.summary = std::move(article.summary);
    record.text = std::move(article.text);
    record.author = std::move(article.author);
    record.language = std::move(article.language);
    record.section = std::move(article.section);
    record.published = article.published;
    try {
        complete_record(record);
    } catch (const BadRecord& bad) {
        return reject(bad.what());
    }
    return Capture{std::move(record), std::move(where)};
}

class WarcReader : public ArchiveReader {
  public:
    explicit WarcReader(const ArchiveInput& input)
        : name_(input.name),
          max_bytes_(input.options != nullptr ? input.options->max_record_bytes : ReadOptions{}.max_record_bytes) {
        file_ = std::fopen(input.path.c_str(), "rb");
        struct stat info {};
        if (file_ == nullptr || ::fstat(fileno(file_), &info) != 0) {
            failure_ = std::strerror(errno);
            return;
        }
        cursor_.size = static_cast<std::uint64_t>(info.st_size);
        std::string head(kFingerprintBytes, '\0');
        head.resize(std::fread(head.data(), 1, head.size(), file_));
        cursor_.fingerprint = XXH3_64bits(head.data(), head.size());

        WarcPosition start;
        if (input.cursor) {
            std::optional<WarcCursor> last = WarcCursor::parse(*input.cursor);
            // The same file, grown or not: its first bytes (as many as it had) unchanged.
            bool same_file = last && last->size <= cursor_.size &&
                             last->fingerprint == XXH3_64bits(head.data(), std::min<std::size_t>(head.size(), last->size));
            if (same_file && last->size == cursor_.size) {  // unchanged: nothing to read
                cursor_ = *last;
                done_ = true;
                return;
            }
            if (same_file) start = last->next;
        }
        stream_.emplace(file_, start, cursor_.size, max_bytes_);
    }
    ~WarcReader() override {
        if (file_ != nullptr) std::fclose(file_);
    }
    WarcReader(const WarcReader&) = delete;
    WarcReader& operator=(const WarcReader&) = delete;

    std::optional<CaptureBatch> next() override;
    std::optional<std::string> cursor() const override {
        if (failure_) return std::nullopt;
        return cursor_.to_string();
    }
    std::uint64_t records() const override { return records_; }

  private:
    std::string name_;
    std::size_t max_bytes_;
    std::FILE* file_ = nullptr;
    std::optional<std::string> failure_;
    std::optional<WarcStream> stream_;
    WarcCursor cursor_;
    std::uint64_t records_ = 0;
    bool done_ = false;
};

std::optional<CaptureBatch> WarcReader::next() {
    if (failure_) {
        if (done_) return std::nullopt;
        done_ = true;
        CaptureBatch batch;
        batch.results.emplace_back(Rejection{InputLocation{name_, 0}, *failure_});
        return batch;
    }
    if (done_) return std::nullopt;

    std::vector<PendingRecord> pending;
    std::size_t bytes = 0;
    InputLocation where{name_, 0};
    while (!done_ && pending.size() < kBatchRecords && bytes < kBatchBytes) {
        WarcStream::Result result = stream_->next();
        switch (result.status) {
            case WarcStream::Status::kRecord: {
                const std::string* type = result.record.headers.find("WARC-Type");
                std::string kind = type ? lower_trimmed(*type) : "";
                if (kind == "response" || kind == "resource" || kind == "revisit") {
                    // A revisit's payload is in the record it refers to
                    // (often in another file): it is a capture seen again,
                    // which extends the version in force. See corpus/README.md.
                    ++records_;
                    bytes += result.record.block.size();
                    RecordKind record_kind = kind == "response"   ? RecordKind::kResponse
                                             : kind == "resource" ? RecordKind::kResource
                                                                  : RecordKind::kRevisit;
                    pending.push_back({result.record.at, record_kind, std::move(result.record.headers),
                                       std::move(result.record.block), std::nullopt});
                }
                // warcinfo, request, metadata, conversion, continuation:
                // about the crawl, not captures of a page; passed over.
                break;
            }
            case WarcStream::Status::kBad:
                ++records_;
                pending.push_back({result.where, RecordKind::kResource, {}, {}, Rejection{where, at_offset(result.where, result.reason)}});
                break;
            case WarcStream::Status::kTruncated:
                // The file is being written, or was cut: this record is read
                // again next run, from here.
                ++records_;
                pending.push_back({result.where, RecordKind::kResource, {}, {},
                                   Rejection{where, at_offset(result.where, "truncated record (the file ends inside it)")}});
                cursor_.next = result.where;
                done_ = true;
                break;
            case WarcStream::Status::kEnd:
                cursor_.next = result.where;
                done_ = true;
                break;
        }
    }
    if (pending.empty()) return std::nullopt;
    CaptureBatch batch;
    batch.file = name_;
    std::size_t max_bytes = max_bytes_;
    batch.parse = [pending = std::move(pending), max_bytes](CaptureBatch& self) {
        self.results.reserve(self.results.size() + pending.size());
        for (const PendingRecord& record : pending) {
            if (record.known) {
                std::visit([&](const auto& known) { self.results.emplace_back(known); }, *record.known);
            } else {
                self.results.push_back(parse_record(record, self.file, max_bytes));
            }
        }
    };
    return batch;
}

}  // namespace

std::unique_ptr<ArchiveReader> open_warc_archive(const ArchiveInput& input) {
    return std::make_unique<WarcReader>(input);
}

}  // namespace newsindex::indexer
