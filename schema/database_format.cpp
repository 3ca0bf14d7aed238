#include "schema/database_format.h"

#include <fmt/format.h>

#include <cstdlib>

namespace newsindex::schema {

void check_schema(const Xapian::Database& db, const std::string& path, bool allow_empty) {
    std::string found = db.get_metadata(kMetaSchemaVersion);
    if (found.empty()) {
        if (allow_empty && db.get_doccount() == 0) return;
        throw SchemaError(fmt::format(
            "{}: not a newsindex database (no schema version recorded; expected {})", path,
            kSchemaVersion));
    }
    if (found != std::to_string(kSchemaVersion)) {
        throw SchemaError(fmt::format(
            "{}: database has schema version {}, this program reads version {}; "
            "rebuild it from your inputs: mv {} {}.v{} && newsindex --db {} INPUT...",
            path, found, kSchemaVersion, path, path, found, path));
    }
}

void stamp_schema(Xapian::WritableDatabase& db, const std::string& language) {
    db.set_metadata(kMetaSchemaVersion, std::to_string(kSchemaVersion));
    if (db.get_metadata(kMetaLanguage).empty()) db.set_metadata(kMetaLanguage, language);
}

std::string database_language(const Xapian::Database& db) {
    std::string language = db.get_metadata(kMetaLanguage);
    return language.empty() ? std::string(kDefaultLanguage) : language;
}

std::string resolve_database_path(const std::optional<std::string>& flag) {
    if (flag && !flag->empty()) return *flag;
    if (const char* env = std::getenv(kDatabaseEnv); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::string(xdg) + "/newsindex/db";
    }
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/newsindex/db";
}

}  // namespace newsindex::schema
