#include "indexer/capture_pipeline.h"

#include "indexer/record_fields.h"

#include <fmt/format.h>

#include <algorithm>

namespace newsindex::indexer {

namespace {
// Batches queued per parser thread: enough to keep every parser busy while
// the consumer is slow for a moment, few enough to bound memory.
constexpr std::size_t kBatchesPerParser = 4;
}  // namespace

void parse_batch(CaptureBatch& batch) {
    batch.results.reserve(batch.results.size() + batch.lines.size());
    for (const CaptureBatch::PendingLine& line : batch.lines) {
        InputLocation where{batch.file, line.number};
        try {
            if (line.too_large_bytes > 0)
                throw BadRecord(fmt::format("record too large: {} bytes", line.too_large_bytes));
            std::string_view text(batch.text.data() + line.offset, line.length);
            batch.results.emplace_back(Capture{record_from_json(text), std::move(where)});
        } catch (const BadRecord& bad) {
            batch.results.emplace_back(Rejection{std::move(where), bad.what()});
        }
    }
    batch.lines.clear();
    batch.text.clear();
    batch.text.shrink_to_fit();
}

CapturePipeline::CapturePipeline(unsigned threads)
    : max_in_flight_(kBatchesPerParser * std::max(1u, threads)) {
    try {
        for (unsigned i = 0; i < std::max(1u, threads); ++i) {
            parsers_.emplace_back([this] { parse_loop(); });
        }
    } catch (...) {  // a thread could not be started: end those that were
        stop();
        for (std::thread& parser : parsers_) parser.join();
        throw;
    }
}

CapturePipeline::~CapturePipeline() {
    stop();
    for (std::thread& parser : parsers_) parser.join();
}

void CapturePipeline::parse_loop() {
    for (;;) {
        Slot* slot = nullptr;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [&] { return stopping_ || !to_parse_.empty(); });
            if (stopping_) return;
            slot = to_parse_.front();
            to_parse_.pop_front();
        }
        // Parsing is the one thing that runs outside the lock.
        std::exception_ptr error;
        try {
            parse_batch(slot->batch);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard lock(mutex_);
            slot->error = error;
            slot->parsed = true;
        }
        slot_parsed_.notify_all();
    }
}

void CapturePipeline::submit(CaptureBatch&& batch) {
    auto slot = std::make_unique<Slot>();
    slot->batch = std::move(batch);
    bool needs_parsing = !slot->batch.lines.empty();
    slot->parsed = !needs_parsing;
    {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return stopping_ || in_flight_.size() < max_in_flight_; });
        if (stopping_) throw ReadingStopped{};
        if (needs_parsing) to_parse_.push_back(slot.get());
        in_flight_.push_back(std::move(slot));
    }
    if (needs_parsing) {
        work_ready_.notify_one();
    } else {
        slot_parsed_.notify_all();
    }
}

void CapturePipeline::finish() {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    slot_parsed_.notify_all();
}

void CapturePipeline::fail(std::exception_ptr error) {
    {
        std::lock_guard lock(mutex_);
        reader_error_ = std::move(error);
        finished_ = true;
    }
    slot_parsed_.notify_all();
}

void CapturePipeline::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    room_.notify_all();
    slot_parsed_.notify_all();
}

void CapturePipeline::deliver(const std::function<void(Capture&&)>& on_capture,
                              const std::function<void(Rejection&&)>& on_rejection) {
    for (;;) {
        std::unique_ptr<Slot> slot;
        {
            std::unique_lock lock(mutex_);
            slot_parsed_.wait(lock, [&] {
                return (!in_flight_.empty() && in_flight_.front()->parsed) || (finished_ && in_flight_.empty());
            });
            if (in_flight_.empty()) {
                if (reader_error_) std::rethrow_exception(reader_error_);
                return;
            }
            slot = std::move(in_flight_.front());
            in_flight_.pop_front();
        }
        room_.notify_one();
        if (slot->error) std::rethrow_exception(slot->error);
        for (auto& result : slot->batch.results) {
            if (auto* capture = std::get_if<Capture>(&result)) {
                on_capture(std::move(*capture));
            } else {
                on_rejection(std::move(std::get<Rejection>(result)));
            }
        }
    }
}

}  // namespace newsindex::indexer
