// The protocol of the benchmark's in-process timers (engine_latency,
// xapian_floor), which bench/lib/latency.py drives: after opening its
// database once, a timer answers requests read from standard input, one per
// line,
//
//   MODE <TAB> SOURCE <TAB> QUERY      MODE: top20 | all | timeline | timeline-all;
//                                      SOURCE may be empty
//
// and writes one line per request: SECONDS <TAB> ROWS, the wall time of the
// answer and what it counted; or "error <TAB> MESSAGE" for a bad line or a
// failed answer, and the driver goes on.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace newsindex::bench {

struct Request {
    std::string mode, source, text;
};

// Answers every request on standard input until it ends, timing `answer`
// (which returns the rows it counted) around each; an answer that throws a
// std::exception writes the error line.
void serve_requests(const std::function<std::size_t(const Request&)>& answer);

}  // namespace newsindex::bench
