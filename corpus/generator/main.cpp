// newsgen: writes a deterministic corpus of multi-version news articles as
// JSON Lines. Same --seed and --versions, same bytes, on any machine.
#include "corpus/generator/corpus_statistics.h"
#include "corpus/generator/newsroom.h"
#include "corpus/generator/version_line.h"

#include <CLI/CLI.hpp>
#include <date/date.h>
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>

namespace {

std::optional<newsgen::CaptureTime> parse_start(const std::string& text) {
    for (const char* format : {"%FT%TZ", "%FT%T", "%F"}) {
        std::istringstream in(text);
        date::sys_seconds t;
        in >> date::parse(format, t);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof()) {
            return t.time_since_epoch().count();
        }
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"newsgen: generate multi-version news articles as JSON Lines"};
    newsgen::CorpusOptions options;
    std::string start = "2024-01-01T00:00:00Z";
    std::string output = "-";
    bool stats = false;
    app.add_option("--seed", options.seed, "Random seed (same seed, same output)")
        ->capture_default_str();
    app.add_option("--versions", options.versions, "Number of versions (lines) to write")
        ->capture_default_str();
    app.add_option("--start", start, "Capture time of the first article, ISO 8601 UTC")
        ->capture_default_str();
    app.add_option("--output,-o", output, "Output file ('-' = standard output)")
        ->capture_default_str();
    app.add_flag("--stats", stats, "Print statistics of the generated corpus to stderr");
    CLI11_PARSE(app, argc, argv);

    const auto start_time = parse_start(start);
    if (!start_time) {
        fmt::print(stderr, "newsgen: --start: not an ISO 8601 time: {}\n", start);
        return 2;
    }
    options.start = *start_time;

    std::FILE* out = stdout;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
    if (output != "-") {
        file.reset(std::fopen(output.c_str(), "wb"));
        if (!file) {
            fmt::print(stderr, "newsgen: {}: {}\n", output, std::strerror(errno));
            return 1;
        }
        out = file.get();
    }
    static char buffer[1 << 20];
    std::setvbuf(out, buffer, _IOFBF, sizeof buffer);

    newsgen::CorpusStatistics statistics;
    newsgen::run_newsroom(
        options,
        [&](const newsgen::CapturedVersion& captured) {
            const auto line = newsgen::version_line(captured);
            std::fwrite(line.data(), 1, line.size(), out);
            std::fputc('\n', out);
            statistics.count(captured);
        },
        [&](const newsgen::Story& story) { statistics.count_story(story); });

    if (std::fflush(out) != 0 || std::ferror(out)) {
        fmt::print(stderr, "newsgen: {}: write failed: {}\n", output, std::strerror(errno));
        return 1;
    }
    if (file && std::fclose(file.release()) != 0) {
        fmt::print(stderr, "newsgen: {}: write failed: {}\n", output, std::strerror(errno));
        return 1;
    }
    if (stats) fmt::print(stderr, "{}", statistics.report());
    return 0;
}
