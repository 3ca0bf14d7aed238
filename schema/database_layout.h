// The names of the files and directories of a database directory, made
// here only (storage/database_directory.h describes the layout and its
// states), and reading the shard list, which readers and the writer share.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::schema {

// Xapian's list of shards (what Xapian calls a stub database file), and the
// file it is written to before being renamed over it.
inline constexpr const char* kShardListFile = "XAPIANDB";
inline constexpr const char* kShardListTemporary = "XAPIANDB.tmp";
// Our marker: present in every directory newsindex made or adopted, and
// holding a copy of the shard list (for `newsindex --repair`). newsindex
// removes files only in a directory that has it.
inline constexpr const char* kMarkerFile = "NEWSINDEX";
inline constexpr const char* kMarkerTemporary = "NEWSINDEX.tmp";
// The first line of the marker.
inline constexpr const char* kMarkerHeading = "newsindex database directory";
// The size and modification time of each table file as newsindex last
// checked or wrote it (storage/database_damage.h), and its temporary.
inline constexpr const char* kCheckedFile = "NEWSINDEX.checked";
inline constexpr const char* kCheckedTemporary = "NEWSINDEX.checked.tmp";
// What makes a directory a glass database (Xapian's name).
inline constexpr const char* kGlassVersionFile = "iamglass";
// The other files of a glass database (Xapian's names): its tables (a table
// not yet written has no file), and its lock file.
inline constexpr const char* kGlassTables[] = {"postlist.glass", "termlist.glass",
                                               "docdata.glass",  "position.glass",
                                               "spelling.glass", "synonym.glass"};
inline constexpr const char* kGlassLockFile = "flintlock";
// A run's work files.
inline constexpr const char* kStagingDirectory = "staging";
inline constexpr const char* kGenerationPrefix = "gen-";
inline constexpr const char* kRecentPrefix = "recent-";

// Metadata of a recent shard (beside database_format.h's): the generation's
// revision (decimal) before the last commit that revised versions of the
// generation, kept until the next such commit. A reader holding the
// generation at this revision or an older one holds the recent shard ahead
// of it (a batch half committed, or read half before and half after its
// commit) and must open both again (storage/database_reader.h).
inline constexpr const char* kMetaGenerationBase = "newsindex.generation_base";

// "gen-000012" with prefix "gen-" -> 12: only `prefix` followed by exactly
// six digits; nullopt for any other name ("gen-2019-photos", "gen-12").
std::optional<unsigned> shard_number(std::string_view name, std::string_view prefix);

// The name of generation `number` ("gen-000012"), or of its recent shard.
std::string generation_name(unsigned number);
std::string recent_name(unsigned number);

// The shards a shard list names, in order (the generation, then perhaps its
// recent shard). nullopt when the file is missing or unreadable, or names
// anything but one generation and, after it, perhaps that generation's
// recent shard, one "glass NAME" line each: not a list newsindex wrote.
std::optional<std::vector<std::string>> read_shard_list(const std::filesystem::path& file);
// The same for the list's text.
std::optional<std::vector<std::string>> parse_shard_list(const std::string& text);

// The text of a shard list naming `shards`.
std::string shard_list_text(const std::vector<std::string>& shards);

}  // namespace newsindex::schema
