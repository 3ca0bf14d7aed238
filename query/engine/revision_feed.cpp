#include "query/engine/revision_feed.h"

#include "query/engine/article_versions.h"
#include "query/text/sentences.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace newsindex::query {

namespace {

// The sentences of one part of a version (sentences.h).
std::vector<std::string> part_sentences(const std::vector<Sentence>& sentences, SentencePart part) {
    std::vector<std::string> out;
    for (const Sentence& s : sentences) {
        if (s.part == part) out.push_back(s.text);
    }
    return out;
}

PartChange part_change(std::vector<SentenceChange> changes) {
    PartChange part;
    for (SentenceChange& change : changes) {
        switch (change.op) {
            case SentenceOp::Same:
                ++part.unchanged;
                continue;
            case SentenceOp::Added:
                ++part.added;
                break;
            case SentenceOp::Removed:
                ++part.removed;
                break;
            case SentenceOp::Edited:
                ++part.edited;
                break;
        }
        part.sentences.push_back(std::move(change));
    }
    return part;
}

// Matches are read this many at a time, newest first, until the limit is
// reached (more than the limit when --what passes some over).
constexpr Xapian::doccount kPage = 200;

}  // namespace

std::string_view version_part_name(VersionPart part) {
    switch (part) {
        case VersionPart::Title:
            return "title";
        case VersionPart::Summary:
            return "summary";
        case VersionPart::Text:
            return "text";
    }
    return "text";
}

bool RevisionChange::changed(VersionPart part) const {
    switch (part) {
        case VersionPart::Title:
            return title.op != SentenceOp::Same;
        case VersionPart::Summary:
            return summary.changed();
        case VersionPart::Text:
            return text.changed();
    }
    return false;
}

std::vector<VersionPart> RevisionChange::parts() const {
    std::vector<VersionPart> out;
    for (VersionPart part : {VersionPart::Title, VersionPart::Summary, VersionPart::Text}) {
        if (changed(part)) out.push_back(part);
    }
    return out;
}

RevisionChange describe_revision(const schema::VersionRecord& previous, const schema::VersionRecord& revision) {
    RevisionChange change;
    change.article_id = revision.article.identity;
    change.article_key = revision.article.digest_hex();
    change.source = revision.article.source;
    change.url = revision.url;
    change.revision = revision.revision;
    change.captured_at = revision.captured_at;
    change.previous_captured_at = previous.captured_at;
    // The title as diff_versions compares it; summary and body each on
    // their own, so that a change is shown under the part it was made in.
    change.title = diff_titles(previous.title, revision.title);
    std::vector<Sentence> before = version_sentences(previous), after = version_sentences(revision);
    change.summary = part_change(
        diff_sentences(part_sentences(before, SentencePart::Summary), part_sentences(after, SentencePart::Summary)));
    change.text = part_change(
        diff_sentences(part_sentences(before, SentencePart::Body), part_sentences(after, SentencePart::Body)));
    return change;
}

RevisionFeed build_revision_feed(NewsDatabase& db, const RevisionFeedRequest& request) {
    const QueryDeadline deadline(request.time_budget);
    return db.with_retry([&](const Xapian::Database& xapian) {
        Xapian::Query query = build_match_query(db, "", request.filters).query;
        // A new revision: revision 2 or later.
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kRevision,
                                            Xapian::sortable_serialise(2)));
        if (!request.article.empty()) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(schema::article_term(resolve_article(xapian, request.article))));
        }
        Xapian::Enquire enquire(xapian);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(schema::slot::kCapturedAt, true);
        deadline.bound(enquire);

        RevisionFeed feed;
        const Xapian::doccount all = xapian.get_doccount();
        std::map<std::string, std::vector<VersionRef>> articles;  // digest -> versions
        for (Xapian::doccount offset = 0;; offset += kPage) {
            // Every match checked: the count is exact, and sorting by time
            // reads every match's time anyway.
            Xapian::MSet mset = enquire.get_mset(offset, kPage, all);
            deadline.check();
            feed.revisions = mset.get_matches_estimated();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                const Xapian::Document document = it.get_document();
                // Once the limit is reached, only captures of the same
                // second as the last one kept may still come first in the
                // feed's order.
                const schema::CaptureTime captured_at = static_cast<schema::CaptureTime>(
                    schema::decode_number(document.get_value(schema::slot::kCapturedAt)));
                if (request.limit != 0 && feed.changes.size() >= request.limit &&
                    captured_at != feed.changes.back().captured_at) {
                    feed.truncated = true;
                    break;
                }
                deadline.check();
                const std::string digest = article_digest_hex(document);
                auto versions = articles.find(digest);
                if (versions == articles.end()) versions = articles.emplace(digest, list_versions(xapian, digest)).first;
                const schema::VersionRecord revision = schema::read_stored_version(document);
                const VersionRef& previous = find_revision(versions->second, revision.revision - 1);
                RevisionChange change = describe_revision(load_version(xapian, previous.docid), revision);
                if (request.what && !change.changed(*request.what)) continue;
                change.version_id =
                    schema::version_id_text(digest, schema::read_version_id(document));
                feed.changes.push_back(std::move(change));
            }
            if (feed.truncated || mset.size() < kPage) break;
        }
        std::stable_sort(feed.changes.begin(), feed.changes.end(), [](const RevisionChange& a, const RevisionChange& b) {
            if (a.captured_at != b.captured_at) return a.captured_at > b.captured_at;
            return std::tie(a.article_id, a.article_key, a.revision) < std::tie(b.article_id, b.article_key, b.revision);
        });
        if (request.limit != 0 && feed.changes.size() > request.limit) {
            feed.changes.resize(request.limit);
            feed.truncated = true;
        }
        return feed;
    });
}

}  // namespace newsindex::query
