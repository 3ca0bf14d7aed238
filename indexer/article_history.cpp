#include "indexer/article_history.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace newsindex::indexer {

MergeCounts& MergeCounts::operator+=(const MergeCounts& other) {
    added += other.added;
    unchanged += other.unchanged;
    duplicates += other.duplicates;
    return *this;
}

namespace {

// One version on the article's timeline while the merge runs.
struct Entry {
    std::uint64_t content_hash = 0;
    VersionState state;
    // Exactly one of these says where the version comes from.
    std::optional<DocumentNumber> document;  // already in the database
    std::optional<std::size_t> capture;      // created from a capture of this merge
    std::optional<DocumentNumber> copy_of;   // a revert copying a database document
    VersionId id;                            // new versions only
    VersionState original;                   // existing versions only

    std::tuple<CaptureTime, std::int64_t> order() const {
        return {state.first_seen, state.sequence};
    }
};

class Timeline {
  public:
    explicit Timeline(const std::vector<KnownVersion>& known) {
        for (const KnownVersion& version : known) {
            taken_.push_back(version.id);
            Entry entry;
            entry.content_hash = version.content_hash;
            entry.state = version.state;
            entry.original = version.state;
            entry.document = version.document;
            entries_.push_back(entry);
        }
        sort();
    }

    CaptureOutcome apply(const ArticleCapture& capture, std::size_t index) {
        std::tuple<CaptureTime, std::int64_t> at{capture.time, capture.sequence};
        // P: the last version ordered at or before the capture; N: the next.
        auto next = std::upper_bound(entries_.begin(), entries_.end(), at,
                                     [](const auto& key, const Entry& e) { return key < e.order(); });
        std::size_t n = static_cast<std::size_t>(next - entries_.begin());
        Entry* previous = n > 0 ? &entries_[n - 1] : nullptr;

        if (previous && previous->content_hash == capture.content_hash) {
            if (capture.time <= previous->state.last_seen) return CaptureOutcome::kDuplicate;
            previous->state.last_seen = capture.time;
            return CaptureOutcome::kUnchanged;
        }
        if (previous && capture.time < previous->state.last_seen) {
            split(n - 1, capture, index);
            return CaptureOutcome::kSplit;
        }
        if (n < entries_.size() && entries_[n].content_hash == capture.content_hash) {
            entries_[n].state.first_seen = capture.time;
            entries_[n].state.sequence = capture.sequence;
            return CaptureOutcome::kUnchanged;
        }
        insert(new_entry(capture, index));
        return CaptureOutcome::kAdded;
    }

    HistoryMerge finish() {
        sort();
        HistoryMerge merge;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            Entry& entry = entries_[i];
            entry.state.revision = static_cast<std::uint32_t>(i + 1);
            entry.state.superseded_at = std::nullopt;
            if (i + 1 < entries_.size()) entry.state.superseded_at = entries_[i + 1].state.first_seen;

            if (!entry.document) {
                merge.added.push_back(NewVersion{entry.capture, entry.copy_of, entry.content_hash,
                                                 entry.state, entry.id});
            } else if (entry.state != entry.original) {
                bool moved = entry.state.first_seen != entry.original.first_seen ||
                             entry.state.sequence != entry.original.sequence;
                merge.revised.push_back(RevisedVersion{*entry.document, entry.state, moved});
            }
        }
        return merge;
    }

  private:
    // The capture falls inside P's seen span with other text: P was replaced
    // and later came back, so P keeps its first capture only, the capture
    // becomes a version, and P's text returns as a version at P's old
    // last_seen.
    void split(std::size_t p, const ArticleCapture& capture, std::size_t index) {
        Entry revert;
        revert.content_hash = entries_[p].content_hash;
        revert.capture = entries_[p].capture;
        revert.copy_of = entries_[p].document ? entries_[p].document : entries_[p].copy_of;
        CaptureTime old_last_seen = entries_[p].state.last_seen;
        revert.state.first_seen = old_last_seen;
        revert.state.last_seen = old_last_seen;
        revert.state.sequence = entries_[p].state.sequence;
        revert.id = free_id({old_last_seen, entries_[p].state.sequence});
        entries_[p].state.last_seen = entries_[p].state.first_seen;

        insert(new_entry(capture, index));
        insert(std::move(revert));
    }

    Entry new_entry(const ArticleCapture& capture, std::size_t index) {
        Entry entry;
        entry.content_hash = capture.content_hash;
        entry.state.first_seen = capture.time;
        entry.state.last_seen = capture.time;
        entry.state.sequence = capture.sequence;
        entry.capture = index;
        entry.id = free_id({capture.time, capture.sequence});
        return entry;
    }

    VersionId free_id(VersionId id) {
        while (std::find(taken_.begin(), taken_.end(), id) != taken_.end()) ++id.sequence;
        taken_.push_back(id);
        return id;
    }

    // Keeps the order stable for equal keys: a version inserted at the same
    // (time, sequence) as another goes after it.
    void insert(Entry entry) {
        auto at = std::upper_bound(
            entries_.begin(), entries_.end(), entry.order(),
            [](const auto& key, const Entry& e) { return key < e.order(); });
        entries_.insert(at, std::move(entry));
    }

    void sort() {
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.order() < b.order(); });
    }

    std::vector<Entry> entries_;
    std::vector<VersionId> taken_;  // known versions' ids, then those assigned
};

}  // namespace

HistoryMerge merge_captures(const std::vector<KnownVersion>& known,
                            const std::vector<ArticleCapture>& captures) {
    std::vector<std::size_t> order(captures.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(captures[a].time, captures[a].sequence) <
               std::tie(captures[b].time, captures[b].sequence);
    });

    Timeline timeline(known);
    std::vector<CaptureOutcome> outcomes(captures.size(), CaptureOutcome::kDuplicate);
    MergeCounts counts;
    for (std::size_t index : order) {
        CaptureOutcome outcome = timeline.apply(captures[index], index);
        outcomes[index] = outcome;
        switch (outcome) {
            case CaptureOutcome::kAdded:
            case CaptureOutcome::kSplit: ++counts.added; break;
            case CaptureOutcome::kUnchanged: ++counts.unchanged; break;
            case CaptureOutcome::kDuplicate: ++counts.duplicates; break;
        }
    }
    HistoryMerge merge = timeline.finish();
    merge.outcomes = std::move(outcomes);
    merge.counts = counts;
    return merge;
}

}  // namespace newsindex::indexer
