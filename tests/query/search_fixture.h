// A small news history for the search and matcher tests, written straight
// into a database with the indexer's DocumentBuilder (revision state set by
// hand, so these tests do not depend on the indexer's merge rules).
//
//   A  nytimes  rev 1  2016-02-02T12:00:00Z  superseded at 16:00
//      nytimes  rev 2  2016-02-02T16:00:00Z  latest
//   B  xinhua   rev 1  2016-02-03T08:00:00Z  latest (author Li Wei)
//   C  spiegel  rev 1  2016-02-01T10:00:00Z  latest, German
//   D  nytimes  rev 1  2016-02-01T09:00:00Z  superseded at 2016-02-02T09:00
//      nytimes  rev 2  2016-02-02T09:00:00Z  superseded at 2016-02-04T00:00
//      nytimes  rev 3  2016-02-04T00:00:00Z  latest
// Rows are named "A1", "A2", ... (article_id + revision).
#pragma once

#include "indexer/document_builder.h"
#include "indexer/version_adder.h"
#include "query/database.h"
#include "schema/database_format.h"
#include "schema/stored_version.h"
#include "schema/time.h"
#include "tests/support/test_support.h"

#include <xapian.h>

#include <string>

namespace newsindex::testing {

inline schema::CaptureTime at(const std::string& iso) { return *schema::parse_time(iso); }

struct FixtureVersion {
    std::string article_id, source, url, language, author;
    std::string captured_at, superseded_at;  // superseded_at "" = latest
    std::uint32_t revision;
    std::string title, text;
};

inline const std::vector<FixtureVersion>& fixture_versions() {
    static const std::vector<FixtureVersion> versions = {
        {"A", "nytimes", "http://www.nytimes.com/2016/02/03/kerry.html", "en", "",
         "2016-02-02T12:00:00Z", "2016-02-02T16:00:00Z", 1,
         "Kerry Urges Coalition to Act",
         "The threats are growing, he said. A false caliphate with oil money."},
        {"A", "nytimes", "http://www.nytimes.com/2016/02/03/kerry.html", "en", "",
         "2016-02-02T16:00:00Z", "", 2,
         "Kerry Says Coalition Will Intensify Efforts",
         "There is no appetite for sending troops. A false caliphate, he said."},
        {"B", "xinhua", "http://news.xinhuanet.com/english/b.htm", "en", "Li Wei",
         "2016-02-03T08:00:00Z", "", 1,
         "Talks \"Open\", Diplomats Say",
         "The coalition warned of the threat of a false caliphate & more."},
        {"C", "spiegel", "https://www.spiegel.de/politik/c.html", "de", "",
         "2016-02-01T10:00:00Z", "", 1,
         "Die Lage in Libyen",
         "Die Bedrohungen wachsen, sagen Diplomaten."},
        {"D", "nytimes", "https://www.nytimes.com/2016/02/01/markets.html", "en", "",
         "2016-02-01T09:00:00Z", "2016-02-02T09:00:00Z", 1,
         "Markets Fall", "Oil prices dropped sharply."},
        {"D", "nytimes", "https://www.nytimes.com/2016/02/01/markets.html", "en", "",
         "2016-02-02T09:00:00Z", "2016-02-04T00:00:00Z", 2,
         "Markets Fall Again", "Oil prices dropped sharply again."},
        {"D", "nytimes", "https://www.nytimes.com/2016/02/01/markets.html", "en", "",
         "2016-02-04T00:00:00Z", "", 3,
         "Markets Recover", "Oil prices rose."},
    };
    return versions;
}

// Writes `versions`, in that order, into a new database at `path`.
inline void write_versions(const std::filesystem::path& path,
                           const std::vector<FixtureVersion>& versions) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
    schema::stamp_schema(db, "en");
    indexer::DocumentBuilder builder("en");
    indexer::VersionAdder adder(db);
    for (const auto& v : versions) {
        schema::VersionRecord record;
        record.article = {v.source, v.article_id};
        record.article_id = v.article_id;
        record.url = v.url;
        record.captured_at = at(v.captured_at);
        record.title = v.title;
        record.text = v.text;
        record.author = v.author;
        record.language = v.language;
        record.revision = v.revision;
        record.last_seen = record.captured_at;
        if (!v.superseded_at.empty()) record.superseded_at = at(v.superseded_at);
        record.content_hash = schema::content_hash(record.title, record.summary, record.text);
        adder.add(builder.build(record, {record.captured_at, 0}));
    }
    adder.write_words();
    db.commit();
}

// Writes the fixture history into a new database at `path`.
inline void write_fixture_database(const std::filesystem::path& path) {
    write_versions(path, fixture_versions());
}

// A scratch directory holding the fixture database.
class FixtureDatabase {
  public:
    FixtureDatabase() { write_fixture_database(path()); }
    std::filesystem::path path() const { return dir_ / "db"; }
    query::NewsDatabase open() const { return query::NewsDatabase(path().string()); }

  private:
    ScratchDir dir_;
};

}  // namespace newsindex::testing
