// The protocol of the benchmark's in-process timers (engine_latency,
// xapian_floor), which bench/run drives: after opening its database once, a
// timer answers requests read from standard input, one a line,
//
//   MODE <TAB> SOURCE <TAB> QUERY      MODE: top20 | all | timeline | timeline-all;
//                                      SOURCE may be empty
//
// with one line each: SECONDS <TAB> ROWS, the wall time of the answer and
// what it counted; or "error <TAB> MESSAGE", and the driver goes on.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

namespace newsindex::bench {

struct Request {
    std::string mode, source, text;
};

// Answers every request on standard input until it ends, timing `answer`
// (which returns the rows it counted) around each.
template <typename Answer>
void serve_requests(Answer&& answer) {
    for (std::string line; std::getline(std::cin, line); std::fflush(stdout)) {
        auto first = line.find('\t');
        auto second = first == std::string::npos ? first : line.find('\t', first + 1);
        if (second == std::string::npos) {
            fmt::print("error\tbad request line (want MODE<TAB>SOURCE<TAB>QUERY)\n");
            continue;
        }
        Request request{line.substr(0, first), line.substr(first + 1, second - first - 1),
                        line.substr(second + 1)};
        try {
            auto started = std::chrono::steady_clock::now();
            std::size_t rows = answer(request);
            std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
            fmt::print("{:.9f}\t{}\n", took.count(), rows);
        } catch (const std::exception& e) {
            fmt::print("error\t{}\n", e.what());
        }
    }
}

}  // namespace newsindex::bench
