#include "query/spellings.h"

#include "query/query_shape.h"
#include "query/term_text.h"
#include "schema/terms.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace newsindex::query {

namespace {

// Whether TermGenerator stems `word` (it does only those that start with a
// letter).
bool starts_with_letter(std::string_view word) {
    auto category = Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word.data(), word.size()));
    return category == Xapian::Unicode::LOWERCASE_LETTER ||
           category == Xapian::Unicode::TITLECASE_LETTER ||
           category == Xapian::Unicode::MODIFIER_LETTER ||
           category == Xapian::Unicode::OTHER_LETTER;
}

// Stems (without "Z" or field prefix) and a wdf each.
using StemWdfs = std::map<std::string, Xapian::termcount, std::less<>>;

// What a document's terms say of its sentences' words.
struct DocumentWords {
    // Its words as written (body and title), each with its wdf.
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    // The language it was stemmed in (its language term), "" if none.
    std::string language;
};

// Reads document `docid`'s terms, adding to each of `stems` its wdf in the
// document, body and title together.
DocumentWords read_words(const Xapian::Database& db, Xapian::docid docid, StemWdfs& stems) {
    DocumentWords out;
    for (auto it = db.termlist_begin(docid); it != db.termlist_end(docid); ++it) {
        const std::string term = *it;
        if (auto field = field_word(term)) {
            if (field->word.empty()) continue;
            if (!field->stem) {
                out.words.emplace_back(field->word, it.get_wdf());
            } else if (auto stem = stems.find(field->word); stem != stems.end()) {
                stem->second += it.get_wdf();
            }
        } else if (field_prefix(term) == schema::prefix::kLanguage) {
            out.language = term.substr(schema::prefix::kLanguage.size());
        }
    }
    return out;
}

// The description of `language`'s stemmer, "" if Xapian has none.
std::string stemmer_description(const std::string& language) {
    if (language.empty()) return {};
    try {
        return Xapian::Stem(language).get_description();
    } catch (const Xapian::InvalidArgumentError&) {
        return {};
    }
}

// The terms a word gives in the fields sentences come from: the body
// (unprefixed) and the title (field_word() the other way round).
std::array<std::string, 2> field_terms(std::string_view word, bool stem) {
    std::string marker = stem ? "Z" : "";
    return {marker + std::string(word),
            marker + std::string(schema::prefix::kTitle) + std::string(word)};
}

// The wdf of `term` in document `docid`; nullopt when the document lacks it
// (a boolean term is there with wdf 0).
std::optional<Xapian::termcount> wdf_in(const Xapian::Database& db, const std::string& term,
                                        Xapian::docid docid) {
    Xapian::PostingIterator it = db.postlist_begin(term);
    it.skip_to(docid);
    if (it == db.postlist_end(term) || *it != docid) return std::nullopt;
    return it.get_wdf();
}

// The wdf of `word` (`stem` or not) in document `docid`, body and title
// together.
Xapian::termcount field_wdf(const Xapian::Database& db, std::string_view word, bool stem,
                            Xapian::docid docid) {
    Xapian::termcount wdf = 0;
    for (const std::string& term : field_terms(word, stem)) wdf += wdf_in(db, term, docid).value_or(0);
    return wdf;
}

}  // namespace

Spellings::Spellings(const std::vector<std::string>& terms, Xapian::Stem stemmer,
                     Xapian::Stem unwrapped)
    : stemmer_(std::move(stemmer)), unwrapped_(std::move(unwrapped)) {
    for (const std::string& term : terms) {
        auto field = field_word(term);
        if (!field) continue;  // in no sentence
        if (field->stem) {
            words_of_stem_.try_emplace(std::string(field->word));
        } else {
            plain_.emplace_back(field->word);
        }
    }
}

std::vector<std::string> Spellings::of(const Xapian::Database& db, Xapian::docid docid) {
    std::vector<std::string> out = plain_;
    if (!words_of_stem_.empty()) {
        std::optional<std::vector<std::string>> words = remembered(db, docid);
        if (!words) words = read(db, docid);
        out.insert(out.end(), words->begin(), words->end());
    }
    for (std::string& word : out) word = squash(word);
    return sorted_unique(std::move(out));
}

std::optional<std::vector<std::string>> Spellings::remembered(const Xapian::Database& db,
                                                              Xapian::docid docid) {
    // A postlist read here cost 3-5 us, a long version's termlist 40-95 us
    // (gen100k): past this many reads, reading the termlist costs less.
    constexpr std::size_t kMostPostlistReads = 16;
    if (!read_any_) return std::nullopt;
    std::size_t reads = 0;
    for (const auto& entry : words_of_stem_) reads += 2 * (1 + entry.second.size());
    if (reads > kMostPostlistReads || !stemmed_alike(db, docid)) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& [stem, words] : words_of_stem_) {
        Xapian::termcount held = 0;  // by the words remembered
        for (const std::string& word : words) {
            Xapian::termcount wdf = field_wdf(db, word, false, docid);
            if (wdf == 0) continue;
            out.push_back(word);
            if (starts_with_letter(word)) held += wdf;
        }
        if (held < field_wdf(db, stem, true, docid)) return std::nullopt;
    }
    return out;
}

std::vector<std::string> Spellings::read(const Xapian::Database& db, Xapian::docid docid) {
    read_any_ = true;
    StemWdfs stems;
    for (const auto& entry : words_of_stem_) stems.emplace(entry.first, 0);
    DocumentWords document = read_words(db, docid, stems);
    // Stemmed as the query is, the words whose stems add up to each stem's
    // wdf are all of them: words sharing a stem's first byte are tried
    // first, the rest only if some are missing. Words that do not start
    // with a letter count towards no stem, so they are always tried.
    bool same_stemmer = stemmer_description(document.language) == unwrapped_.get_description();
    auto first_pass = [&](const std::string& word) {
        return !starts_with_letter(word) ||
               std::any_of(stems.begin(), stems.end(),
                           [&](const auto& stem) { return stem.first[0] == word[0]; });
    };
    StemWdfs found;
    auto complete = [&] {
        return std::all_of(stems.begin(), stems.end(), [&](const auto& stem) {
            auto it = found.find(stem.first);
            return (it == found.end() ? 0 : it->second) >= stem.second;
        });
    };
    std::vector<std::string> out;
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1 && same_stemmer && complete()) break;
        for (const auto& [word, wdf] : document.words) {
            if (first_pass(word) != (pass == 0)) continue;
            std::string stem = stemmer_(word);
            auto remembered = words_of_stem_.find(stem);
            if (remembered == words_of_stem_.end()) continue;
            out.push_back(word);
            if (starts_with_letter(word)) found[stem] += wdf;
            std::vector<std::string>& words = remembered->second;
            if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
        }
    }
    return out;
}

bool Spellings::stemmed_alike(const Xapian::Database& db, Xapian::docid docid) {
    const std::string prefix(schema::prefix::kLanguage);
    // A database without a UUID (one in memory) has no revisions either,
    // and is read every time.
    std::string uuid = db.get_uuid();
    Xapian::rev revision = uuid.empty() ? 0 : db.get_revision();
    if (!languages_ || uuid.empty() || languages_->uuid != uuid ||
        languages_->revision != revision) {
        Languages languages{uuid, revision, {}, {}};
        const std::string query_stemmer = unwrapped_.get_description();
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            const std::string term = *it;
            if (field_prefix(term) != schema::prefix::kLanguage) continue;
            bool alike = stemmer_description(term.substr(prefix.size())) == query_stemmer;
            (alike ? languages.alike : languages.other).push_back(term);
        }
        languages_ = std::move(languages);
    }
    // Every version carries one language term (DocumentBuilder): one whose
    // stemmer is the query's when it carries none of the others.
    return !languages_->alike.empty() &&
           std::none_of(languages_->other.begin(), languages_->other.end(),
                        [&](const std::string& term) { return wdf_in(db, term, docid).has_value(); });
}

}  // namespace newsindex::query
