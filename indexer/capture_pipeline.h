// Parsing JSON Lines on several threads while keeping input order. Parsing
// JSON is most of the cost of reading (nlohmann's lexer runs at roughly
// 100 MB/s), so the reader thread only cuts lines into batches; parser
// threads turn them into captures; the calling thread receives every result
// in the order of the input, so callbacks (which write the database) never
// run concurrently.
#pragma once

#include "indexer/capture_reader.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace newsindex::indexer {

// A run of consecutive inputs in reading order: either JSON lines still to
// be parsed, or results already known (a snapshot's capture, a rejected
// file), never both.
struct CaptureBatch {
    struct PendingLine {
        std::size_t offset = 0;  // into text
        std::size_t length = 0;
        std::uint64_t number = 0;
        std::uint64_t too_large_bytes = 0;  // nonzero: reject, do not parse
    };

    std::string file;  // name in locations
    std::string text;  // the pending lines back to back
    std::vector<PendingLine> lines;
    std::vector<std::variant<Capture, Rejection>> results;
};

// Thrown to the reader thread by submit() once the consumer has stopped.
struct ReadingStopped {};

class CapturePipeline {
  public:
    // Starts `threads` parser threads (at least one).
    explicit CapturePipeline(unsigned threads);
    ~CapturePipeline();  // stops and joins the parser threads
    CapturePipeline(const CapturePipeline&) = delete;
    CapturePipeline& operator=(const CapturePipeline&) = delete;

    // Reader side. Queues a batch; waits while too many are in flight.
    // Throws ReadingStopped after stop().
    void submit(CaptureBatch&& batch);
    // No more batches: after the last one is delivered, deliver() returns.
    void finish();
    // The reader failed: deliver() rethrows `error`.
    void fail(std::exception_ptr error);

    // Consumer side (the calling thread): calls the callbacks for every
    // result in submission order until finish(); rethrows what a callback
    // or the reader threw.
    void deliver(const std::function<void(Capture&&)>& on_capture,
                 const std::function<void(Rejection&&)>& on_rejection);
    // Ends reading early: the reader's next submit() throws ReadingStopped.
    void stop();

  private:
    struct Slot {
        CaptureBatch batch;
        bool parsed = false;
        std::exception_ptr error;  // what parsing threw (bad_alloc), rethrown in order
    };

    void parse_loop();

    std::mutex mutex_;
    std::condition_variable work_ready_;   // parsers wait for a slot to parse
    std::condition_variable slot_parsed_;  // the consumer waits for the oldest slot
    std::condition_variable room_;         // the reader waits for room
    std::deque<std::unique_ptr<Slot>> in_flight_;  // submission order
    std::deque<Slot*> to_parse_;
    std::size_t max_in_flight_;
    bool finished_ = false;
    bool stopping_ = false;
    std::exception_ptr reader_error_;
    std::vector<std::thread> parsers_;
};

// Parses every pending line of `batch` into its results (what a parser
// thread does).
void parse_batch(CaptureBatch& batch);

}  // namespace newsindex::indexer
