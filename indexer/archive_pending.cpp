// SCAFFOLDING, removed when the readers land: each format's opener rejects
// its input until its reader is merged. Each reader's author deletes its
// function from here.
#include "indexer/archive_reader.h"

namespace newsindex::indexer {

namespace {

class PendingReader : public ArchiveReader {
  public:
    explicit PendingReader(std::string name) : name_(std::move(name)) {}
    std::optional<CaptureBatch> next() override {
        if (done_) return std::nullopt;
        done_ = true;
        CaptureBatch batch;
        batch.results.emplace_back(Rejection{InputLocation{name_, 0}, "this archive format is not read yet"});
        return batch;
    }
    std::optional<std::string> cursor() const override { return std::nullopt; }
    std::uint64_t records() const override { return 0; }

  private:
    std::string name_;
    bool done_ = false;
};

}  // namespace

std::unique_ptr<ArchiveReader> open_sqlite_archive(const ArchiveInput& input, InputFormat) {
    return std::make_unique<PendingReader>(input.name);
}

std::unique_ptr<ArchiveReader> open_newsdiffs_repository(const ArchiveInput& input) {
    return std::make_unique<PendingReader>(input.name);
}

}  // namespace newsindex::indexer
