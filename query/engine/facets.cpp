#include "query/engine/facets.h"

#include "query/text/query_syntax.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_set>

namespace newsindex::query {

namespace {

// The value after `prefix` of a version's first term with that prefix ("" if
// none): its source or language filter term.
std::string term_value(const Xapian::Document& doc, std::string_view prefix) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(std::string(prefix));
    if (it == doc.termlist_end()) return {};
    const std::string term = *it;
    return term.starts_with(prefix) ? term.substr(prefix.size()) : std::string();
}

struct Tally {
    std::uint64_t versions = 0;
    std::unordered_set<std::string> articles;  // article slot values
};

// Counts every match it is shown, per value of each facet asked for.
class FacetSpy : public Xapian::MatchSpy {
  public:
    explicit FacetSpy(const std::vector<FacetKind>& kinds) : kinds_(kinds), tallies_(kinds.size()) {}

    void operator()(const Xapian::Document& doc, double) override {
        const std::string article = doc.get_value(schema::slot::kArticle);
        ++all_.versions;
        all_.articles.insert(article);
        for (std::size_t i = 0; i < kinds_.size(); ++i) {
            Tally& tally = tallies_[i][value_of(kinds_[i], doc)];
            ++tally.versions;
            tally.articles.insert(article);
        }
    }

    FacetResult result() const {
        FacetResult out{all_.articles.size(), all_.versions, {}};
        for (std::size_t i = 0; i < kinds_.size(); ++i) {
            Facet facet{kinds_[i], {}};
            for (const auto& [value, tally] : tallies_[i]) {
                facet.values.push_back({value, tally.articles.size(), tally.versions});
            }
            if (!is_period(facet.kind)) {
                std::stable_sort(facet.values.begin(), facet.values.end(),
                                 [](const FacetValue& a, const FacetValue& b) { return a.versions > b.versions; });
            }
            out.facets.push_back(std::move(facet));
        }
        return out;
    }

  private:
    static std::string value_of(FacetKind kind, const Xapian::Document& doc) {
        switch (kind) {
            case FacetKind::Source:
                return term_value(doc, schema::prefix::kSource);
            case FacetKind::Language:
                return term_value(doc, schema::prefix::kLanguage);
            case FacetKind::Day:
            case FacetKind::Month:
            case FacetKind::Year:
                break;
        }
        return period_of(kind, static_cast<schema::CaptureTime>(
                                   schema::decode_number(doc.get_value(schema::slot::kCapturedAt))));
    }

    std::vector<FacetKind> kinds_;
    Tally all_;
    std::vector<std::map<std::string, Tally>> tallies_;  // per kind: value -> tally, values in order
};

}  // namespace

std::string_view facet_name(FacetKind kind) {
    switch (kind) {
        case FacetKind::Source:
            return "source";
        case FacetKind::Language:
            return "lang";
        case FacetKind::Day:
            return "day";
        case FacetKind::Month:
            return "month";
        case FacetKind::Year:
            return "year";
    }
    return "source";
}

std::optional<FacetKind> facet_kind(std::string_view name) {
    for (FacetKind kind : {FacetKind::Source, FacetKind::Language, FacetKind::Day, FacetKind::Month, FacetKind::Year}) {
        if (facet_name(kind) == name) return kind;
    }
    return std::nullopt;
}

bool is_period(FacetKind kind) {
    return kind == FacetKind::Day || kind == FacetKind::Month || kind == FacetKind::Year;
}

std::string period_of(FacetKind kind, schema::CaptureTime time) {
    std::time_t t = static_cast<std::time_t>(time);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[16];
    const char* format = kind == FacetKind::Day ? "%Y-%m-%d" : kind == FacetKind::Month ? "%Y-%m" : "%Y";
    std::size_t n = std::strftime(text, sizeof text, format, &utc);
    return std::string(text, n);
}

FacetResult count_facets(NewsDatabase& db, const SearchRequest& request, const std::vector<FacetKind>& kinds) {
    refuse_blank_query(request.text);
    const QueryDeadline deadline(request.time_budget);
    return db.with_retry([&](const Xapian::Database& xapian) {
        FacetSpy spy(kinds);
        show_every_match(xapian, db, request, spy, deadline);
        return spy.result();
    });
}

}  // namespace newsindex::query
