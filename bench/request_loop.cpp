#include "bench/request_loop.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

namespace newsindex::bench {

namespace {

bool parse(const std::string& line, Request& request) {
    auto first = line.find('\t');
    auto second = first == std::string::npos ? first : line.find('\t', first + 1);
    if (second == std::string::npos) return false;
    request = {line.substr(0, first), line.substr(first + 1, second - first - 1),
               line.substr(second + 1)};
    return true;
}

}  // namespace

void serve_requests(const std::function<std::size_t(const Request&)>& answer) {
    std::string line;
    while (std::getline(std::cin, line)) {
        Request request;
        if (!parse(line, request)) {
            fmt::print("error\tbad request line (want MODE<TAB>SOURCE<TAB>QUERY)\n");
        } else {
            try {
                auto started = std::chrono::steady_clock::now();
                std::size_t rows = answer(request);
                std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
                fmt::print("{:.9f}\t{}\n", took.count(), rows);
            } catch (const std::exception& e) {
                fmt::print("error\t{}\n", e.what());
            }
        }
        std::fflush(stdout);
    }
}

}  // namespace newsindex::bench
