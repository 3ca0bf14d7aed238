#include "indexer/article_history.h"

#include <algorithm>
#include <tuple>

namespace newsindex::indexer {

MergeCounts& MergeCounts::operator+=(const MergeCounts& other) {
    added += other.added;
    unchanged += other.unchanged;
    duplicates += other.duplicates;
    unmatched += other.unmatched;
    return *this;
}

namespace {

// One capture, known or new, on the article's timeline.
struct Stamp {
    CaptureStamp at;
    std::uint64_t content_hash = 0;
    std::optional<DocumentNumber> document;  // a known version's capture
    std::optional<std::size_t> capture;      // else: index into the new captures

    bool seen_again() const { return content_hash == schema::kSeenAgain; }

    // Timeline order; at the same place a capture seen again comes after
    // the captures with text (it joins the version in force there), and a
    // known capture before a new one, so that a new capture equal to it is
    // the duplicate.
    auto order() const {
        return std::make_tuple(at.time, at.sequence, seen_again(), content_hash, !document.has_value(),
                               capture.value_or(0));
    }
    bool same_capture(const Stamp& other) const {
        return at == other.at && content_hash == other.content_hash;
    }
};

// The stamps of a stretch of one text: [first, end) of the sorted stamps.
struct Stretch {
    std::size_t first = 0, end = 0;
    std::optional<DocumentNumber> document;  // the known version it holds captures of
};

}  // namespace

HistoryMerge merge_captures(const std::vector<KnownVersion>& known,
                            const std::vector<ArticleCapture>& captures) {
    std::vector<Stamp> stamps;
    for (const KnownVersion& version : known) {
        for (const CaptureStamp& at : version.state.captures) {
            stamps.push_back({at, version.content_hash, version.document, std::nullopt});
        }
    }
    for (std::size_t i = 0; i < captures.size(); ++i) {
        stamps.push_back(
            {{captures[i].time, captures[i].sequence}, captures[i].content_hash, std::nullopt, i});
    }
    std::sort(stamps.begin(), stamps.end(),
              [](const Stamp& a, const Stamp& b) { return a.order() < b.order(); });

    HistoryMerge merge;
    merge.outcomes.assign(captures.size(), CaptureOutcome::kUnchanged);
    // A capture seen again is one of the text in force at its place: that of
    // the capture before it, which keeps the order. Before every capture
    // with text, it has nothing to extend.
    std::optional<std::uint64_t> in_force;
    std::size_t kept = 0;
    for (Stamp& stamp : stamps) {
        if (!stamp.seen_again()) {
            in_force = stamp.content_hash;
        } else if (in_force) {
            stamp.content_hash = *in_force;
        } else {
            merge.outcomes[*stamp.capture] = CaptureOutcome::kUnmatched;
            continue;
        }
        stamps[kept++] = stamp;
    }
    stamps.resize(kept);
    // Drop repeated captures: a new one equal to a known one (or to an
    // earlier new one) is a duplicate.
    std::vector<Stamp> unique;
    unique.reserve(stamps.size());
    for (const Stamp& stamp : stamps) {
        if (!unique.empty() && unique.back().same_capture(stamp)) {
            if (stamp.capture) merge.outcomes[*stamp.capture] = CaptureOutcome::kDuplicate;
            continue;
        }
        unique.push_back(stamp);
    }

    // Stretches of one text. One also ends where the captures of one known
    // version meet those of another (two versions of one text, side by side,
    // as only a database written before this rule can hold): documents are
    // never merged.
    std::vector<Stretch> stretches;
    for (std::size_t i = 0; i < unique.size(); ++i) {
        const Stamp& stamp = unique[i];
        bool next_stretch =
            stretches.empty() || unique[i - 1].content_hash != stamp.content_hash ||
            (stamp.document && stretches.back().document &&
             *stretches.back().document != *stamp.document);
        if (next_stretch) stretches.push_back({i, i, std::nullopt});
        Stretch& stretch = stretches.back();
        stretch.end = i + 1;
        if (stamp.document) stretch.document = stamp.document;
    }

    // Which stretch each known document stays: the one with its first capture.
    std::vector<std::optional<DocumentNumber>> owner(stretches.size());
    std::vector<DocumentNumber> placed;
    for (std::size_t s = 0; s < stretches.size(); ++s) {
        for (std::size_t i = stretches[s].first; i < stretches[s].end; ++i) {
            const auto& document = unique[i].document;
            if (!document || std::find(placed.begin(), placed.end(), *document) != placed.end()) {
                continue;
            }
            placed.push_back(*document);
            owner[s] = document;
            break;
        }
    }

    std::vector<VersionId> taken;
    for (std::size_t s = 0; s < stretches.size(); ++s) {
        const Stretch& stretch = stretches[s];
        const Stamp& first = unique[stretch.first];
        VersionState state;
        state.first_seen = first.at.time;
        state.sequence = first.at.sequence;
        state.last_seen = unique[stretch.end - 1].at.time;
        state.revision = static_cast<std::uint32_t>(s + 1);
        if (s + 1 < stretches.size()) state.superseded_at = unique[stretches[s + 1].first].at.time;
        for (std::size_t i = stretch.first; i < stretch.end; ++i) state.captures.push_back(unique[i].at);
        state.id = {first.at.time, first.at.sequence};
        while (std::find(taken.begin(), taken.end(), state.id) != taken.end()) ++state.id.sequence;
        taken.push_back(state.id);

        if (owner[s]) {
            auto was = std::find_if(known.begin(), known.end(), [&](const KnownVersion& v) {
                return v.document == *owner[s];
            });
            if (!(was->state == state)) merge.revised.push_back({*owner[s], std::move(state)});
            continue;
        }
        NewVersion version;
        version.content_hash = first.content_hash;
        if (first.capture) {
            version.capture = first.capture;
            merge.outcomes[*first.capture] = CaptureOutcome::kAdded;
        } else {
            version.copy_of = first.document;
        }
        version.state = std::move(state);
        merge.added.push_back(std::move(version));
    }

    for (CaptureOutcome outcome : merge.outcomes) {
        switch (outcome) {
            case CaptureOutcome::kAdded: ++merge.counts.added; break;
            case CaptureOutcome::kUnchanged: ++merge.counts.unchanged; break;
            case CaptureOutcome::kDuplicate: ++merge.counts.duplicates; break;
            case CaptureOutcome::kUnmatched: ++merge.counts.unmatched; break;
        }
    }
    return merge;
}

}  // namespace newsindex::indexer
