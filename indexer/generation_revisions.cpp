#include "indexer/generation_revisions.h"

#include "schema/database_format.h"
#include "schema/stored_version.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <sstream>

namespace newsindex::indexer {

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

bool complete_generation_revisions(Xapian::WritableDatabase& generation,
                                   const Xapian::Database& recent) {
    std::string value = recent.get_metadata(schema::kMetaGenerationRevisions);
    if (value.empty()) return false;
    GenerationRevisions pending = decode_generation_revisions(value);
    if (pending.base != generation.get_revision()) return false;  // committed, or superseded
    for (const RevisedVersion& version : pending.versions) {
        revise(generation, version.document, version);
    }
    generation.commit();
    return true;
}

}  // namespace newsindex::indexer
