#include "storage/input_cursors.h"

#include "schema/database_format.h"

#include <fmt/format.h>
#include <xxhash.h>

namespace newsindex::storage {

std::string input_cursor_key(const std::string& identity) {
    XXH128_hash_t digest = XXH3_128bits(identity.data(), identity.size());
    return fmt::format("{}{:016x}{:016x}", schema::kMetaInputCursorPrefix, digest.high64,
                       digest.low64);
}

InputCursorStates read_input_cursors(const Xapian::Database& db) {
    InputCursorStates cursors;
    const std::string prefix = schema::kMetaInputCursorPrefix;
    for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
        std::string value = db.get_metadata(*key);
        std::size_t separator = value.find('\0');
        if (separator == std::string::npos)
            throw Xapian::DatabaseCorruptError("input cursor " + *key + " has no identity");
        cursors[value.substr(0, separator)] = value.substr(separator + 1);
    }
    return cursors;
}

void set_input_cursor(Xapian::WritableDatabase& db, const std::string& identity,
                      const std::string& state) {
    std::string value = identity;
    value += '\0';
    value += state;
    db.set_metadata(input_cursor_key(identity), value);
}

}  // namespace newsindex::storage
