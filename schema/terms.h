// Every Xapian term prefix the index uses. No other directory spells one.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace newsindex::schema::prefix {

// Free-text fields, positional but for the author. Summary and body are
// indexed without a prefix, the title only under kTitle: a search for plain
// words must look in both (QueryParser::add_prefix("", "") and
// add_prefix("", kTitle)), `title:` in kTitle alone. Words are indexed as
// written (lower case); their stems are no terms (see stem_key below).
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kAuthor = "A";

// Boolean (filter) terms.
// A version's own id is no term: it is in slot::kVersionId. Terms that would
// repeat what another term or slot holds are left out, and each such term is
// a postlist key and a termlist entry on every version.
inline constexpr std::string_view kArticle = "XA";     // article digest, 16 hex
inline constexpr std::string_view kUrl = "XU";         // digest of the normalised URL
inline constexpr std::string_view kSource = "XS";      // outlet key, lower case
inline constexpr std::string_view kHost = "H";         // URL host, lower case
inline constexpr std::string_view kLanguage = "L";     // ISO 639-1 code

}  // namespace newsindex::schema::prefix

namespace newsindex::schema {

// Xapian refuses terms longer than 245 bytes. A prefix+value that would be
// longer keeps its first bytes and ends in "#" + 16 hex digits of the XXH3-64
// digest of the whole value, so long URLs and ids are hashed, never rejected,
// and equal values always give equal terms.
inline constexpr std::size_t kMaxTermBytes = 240;
std::string bounded_term(std::string_view prefix, std::string_view value);

// `text` with its ASCII letters in lower case: how filter values (source,
// host, language codes) are written into terms and asked for in queries.
std::string ascii_lower(std::string_view text);

// The lookup term of an article's URL: the prefix and 16 hex digits of the
// XXH3-64 digest of the normalised URL. It only answers "which versions have
// this URL?"; the URL itself is in the stored data, so a term of fixed size
// keeps long URLs (one term per article, on every version) from weighing on
// the postlist and termlist tables. Only versions whose article identity is
// not that URL carry it (those with an article_id): for the others the
// article term already answers, as article_term(ArticleKey{source, url}).
std::string url_term(std::string_view normalised_url);

// The term every version of an article carries: the prefix and the
// article digest as 16 hex digits (ArticleKey::digest_hex).
// An article named by its identity alone (an article_id, or the normalised
// URL of an article without one) is found by trying article_term of each
// source's ArticleKey{source, identity}: no term of its own is needed.
std::string article_term(std::string_view article_digest_hex);

// Stems are no terms: a stem would be a second postlist key and termlist
// entry beside nearly every word. The database's synonym table holds them
// instead, keyed the way Xapian names a stemmed term ("Z", the field prefix,
// the stem), each key listing the terms of the database whose word has that
// stem: "Zen:govern" -> "govern", "governed", "government", ...;
// "ZSen:govern" -> "Sgovernment", ... A stem is written after the code of
// the language it was stemmed in (language_stemmer() in schema/languages.h),
// so the words of German versions are listed apart from those of English
// ones, even where the two stemmers give the same stem. QueryParser with
// FLAG_AUTO_SYNONYMS and that stemmer looks a stemmed query word up under
// exactly this key, so "governments" matches every spelling the index holds
// in that language, as a stem term would, and a "quoted phrase" stays exact.
inline constexpr std::string_view kStemMarker = "Z";
// Between a stem's language and the stem: "de:kanzl". No word holds it.
inline constexpr char kStemLanguageEnd = ':';

// A stem as the index writes it: "de" and "kanzl" -> "de:kanzl".
std::string language_stem(std::string_view language, std::string_view stem);

// The stem of a language_stem() without its language ("de:kanzl" ->
// "kanzl"): the letters a word holding it starts with.
std::string_view bare_stem(std::string_view language_stem);

// The synonym key of a stem in a field: "Z" + field prefix + stem (a
// language_stem()).
std::string stem_key(std::string_view field_prefix, std::string_view stem);

// The synonym key of `term` stemmed with `stemmer` (a language_stemmer()):
// for a word of a free-text field (no prefix, kTitle, kAuthor) that Xapian
// stems (STEM_SOME stems a word that starts with a letter other than an
// upper-case one), the key of its stem in its field; nullopt for every other
// term, and for every term when `stemmer` stems nothing.
std::optional<std::string> stem_key(std::string_view term, const Xapian::Stem& stemmer);

// A possessive is also its word: for every term of a free-text field (no
// prefix, kTitle, kAuthor) whose word ends in "'s" after at least one
// character ("trump's": TermGenerator writes "Trump’s" so too), adds the
// word without it ("trump") at the same positions. So `trump` and "donald
// trump" match "Donald Trump's", and "trump administration" matches
// "Trump's administration". Other apostrophes (don't, o'brien) are left as
// they are; a contraction in 's ("it's") gives its word ("it") too. The
// indexer does this to every version and the sentence finder to every
// sentence, so the two agree.
void add_possessive_bases(Xapian::Document& doc);

}  // namespace newsindex::schema
