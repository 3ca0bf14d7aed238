#include "indexer/generation_revisions.h"

#include "schema/database_format.h"
#include "schema/stored_version.h"

#include <fmt/format.h>

#include <sstream>

namespace newsindex::indexer {

// One line for the base, then one per version:
//   document first_seen sequence last_seen revision superseded_at|- moved
std::string encode(const GenerationRevisions& revisions) {
    std::string out = fmt::format("{}\n", revisions.base);
    for (const RevisedVersion& v : revisions.versions) {
        const VersionState& s = v.state;
        out += fmt::format("{} {} {} {} {} {} {}\n", v.document, s.first_seen, s.sequence,
                           s.last_seen, s.revision,
                           s.superseded_at ? std::to_string(*s.superseded_at) : "-",
                           v.first_capture_moved ? 1 : 0);
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
    RevisedVersion v;
    std::string superseded;
    int moved = 0;
    while (in >> v.document >> v.state.first_seen >> v.state.sequence >> v.state.last_seen >>
           v.state.revision >> superseded >> moved) {
        v.state.superseded_at.reset();
        if (superseded != "-") v.state.superseded_at = std::stoll(superseded);
        v.first_capture_moved = moved != 0;
        out.versions.push_back(v);
    }
    if (!in.eof()) {
        throw Xapian::DatabaseCorruptError(fmt::format(
            "metadata {} has an unreadable entry after {} versions",
            schema::kMetaGenerationRevisions, out.versions.size()));
    }
    return out;
}

void revise(Xapian::WritableDatabase& db, Xapian::docid document, const RevisedVersion& version) {
    Xapian::Document doc = db.get_document(document);
    schema::write_revision_state(doc, version.state.revision, version.state.last_seen,
                                 version.state.superseded_at);
    if (version.first_capture_moved) {
        schema::write_first_capture(doc, version.state.first_seen, version.state.sequence);
    }
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
