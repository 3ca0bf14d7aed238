// The protocol of the benchmark's in-process timers, which bench/run drives:
// having opened its database once, a timer reads requests from standard input,
// "MODE <TAB> SOURCE <TAB> QUERY" (MODE: top20, all, timeline, timeline-all;
// SOURCE may be empty), and answers each with a line "SECONDS <TAB> ROWS", the
// wall time of the answer and what it counted, or "error <TAB> MESSAGE".
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>
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
        std::istringstream fields(line);
        Request request;
        std::getline(fields, request.mode, '\t');
        std::getline(fields, request.source, '\t');
        if (!std::getline(fields, request.text)) {
            fmt::print("error\tbad request line (want MODE<TAB>SOURCE<TAB>QUERY)\n");
            continue;
        }
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
