#include "storage/generation_revisions.h"

#include "schema/database_format.h"
#include "schema/database_layout.h"
#include "schema/stored_version.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace newsindex::storage {

using schema::VersionState;

// One line for the base, then one per version:
//   document revision superseded_at|- id_time id_sequence n time sequence ...
// with its n captures last.
std::string encode(const GenerationRevisions& revisions) {
    std::string out = fmt::format("{}\n", revisions.base);
    for (const RevisedVersion& v : revisions.versions) {
        const VersionState& s = v.state;
        out += fmt::format("{} {} {} {} {} {}", v.document, s.revision,
                           s.superseded_at ? std::to_string(*s.superseded_at) : "-",
                           s.id.created_at, s.id.sequence, s.captures.size());
        for (const schema::CaptureStamp& c : s.captures) {
            out += fmt::format(" {} {}", c.time, c.sequence);
        }
        out += "\n";
    }
    return out;
}

GenerationRevisions decode_generation_revisions(const std::string& value) {
    std::istringstream in(value);
    GenerationRevisions out;
    if (!(in >> out.base)) {
        throw Xapian::DatabaseCorruptError(
            fmt::format("metadata {} has no base revision", schema::kMetaGenerationRevisions));
    }
    auto unreadable = [&] {
        return Xapian::DatabaseCorruptError(
            fmt::format("metadata {} has an unreadable entry after {} versions",
                        schema::kMetaGenerationRevisions, out.versions.size()));
    };
    RevisedVersion v;
    std::string superseded;
    std::size_t count = 0;
    while (in >> v.document >> v.state.revision >> superseded >> v.state.id.created_at >>
           v.state.id.sequence >> count) {
        v.state.superseded_at.reset();
        if (superseded != "-") v.state.superseded_at = std::stoll(superseded);
        if (count == 0 || count > schema::kMaxCapturesPerVersion) throw unreadable();
        v.state.captures.assign(count, {});
        for (schema::CaptureStamp& c : v.state.captures) {
            if (!(in >> c.time >> c.sequence)) throw unreadable();
        }
        v.state.first_seen = v.state.captures.front().time;
        v.state.sequence = v.state.captures.front().sequence;
        v.state.last_seen = v.state.captures.back().time;
        out.versions.push_back(v);
    }
    if (!in.eof()) throw unreadable();
    return out;
}

void revise(Xapian::WritableDatabase& db, Xapian::docid document, const RevisedVersion& version) {
    Xapian::Document doc = db.get_document(document);
    schema::write_version_state(doc, version.state.revision, version.state.superseded_at,
                                version.state.captures, version.state.id);
    db.replace_document(document, doc);
}

namespace {

// A revision written in decimal at the start of `text`, as encode() and
// record_generation_revisions() write it.
std::optional<Xapian::rev> leading_revision(const std::string& text) {
    Xapian::rev revision = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, revision);
    if (text.empty() || error != std::errc() || (stop != end && *stop != '\n')) {
        return std::nullopt;
    }
    return revision;
}

}  // namespace

void record_generation_revisions(Xapian::WritableDatabase& recent,
                                 const Xapian::Database& generation,
                                 const std::vector<RevisedVersion>& versions) {
    const Xapian::rev base = generation.get_revision();
    recent.set_metadata(schema::kMetaGenerationRevisions,
                        versions.empty() ? std::string() : encode({base, versions}));
    // Readers holding the generation at this revision or before are behind
    // the recent shard (half_committed).
    if (!versions.empty()) recent.set_metadata(schema::kMetaGenerationBase, std::to_string(base));
}

std::optional<Xapian::rev> generation_base(const Xapian::Database& recent) {
    std::optional<Xapian::rev> base =
        leading_revision(recent.get_metadata(schema::kMetaGenerationBase));
    std::optional<Xapian::rev> recorded =
        leading_revision(recent.get_metadata(schema::kMetaGenerationRevisions));
    if (base && recorded) return std::max(*base, *recorded);
    return base ? base : recorded;
}

std::optional<HalfCommitted> half_committed(const Xapian::Database& generation,
                                            const Xapian::Database& recent) {
    std::optional<Xapian::rev> base = generation_base(recent);
    if (!base || generation.get_revision() > *base) return std::nullopt;
    return HalfCommitted{generation.get_revision(), *base};
}

void forget_generation_revisions(Xapian::WritableDatabase& generation) {
    generation.set_metadata(schema::kMetaGenerationRevisions, std::string());
    generation.set_metadata(schema::kMetaGenerationBase, std::string());
}

bool complete_generation_revisions(Xapian::WritableDatabase& generation,
                                   const Xapian::Database& recent) {
    if (!half_committed(generation, recent)) return false;  // one state
    std::string value = recent.get_metadata(schema::kMetaGenerationRevisions);
    if (value.empty()) return false;
    GenerationRevisions pending = decode_generation_revisions(value);
    // Committed since, or superseded by a later batch's record.
    if (pending.base != generation.get_revision()) return false;
    for (const RevisedVersion& version : pending.versions) {
        revise(generation, version.document, version);
    }
    generation.commit();
    return true;
}

}  // namespace newsindex::storage
