#include "query/text/stem_cache.h"

#include <string>
#include <unordered_map>

namespace newsindex::query {

namespace {

class CachingStem : public Xapian::StemImplementation {
  public:
    explicit CachingStem(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

    std::string operator()(const std::string& word) override {
        auto it = stems_.find(word);
        if (it == stems_.end()) it = stems_.emplace(word, stemmer_(word)).first;
        return it->second;
    }

    std::string get_description() const override { return "cached " + stemmer_.get_description(); }

  private:
    Xapian::Stem stemmer_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

Xapian::Stem caching_stemmer(const Xapian::Stem& stemmer) {
    if (stemmer.is_none()) return stemmer;
    return Xapian::Stem(new CachingStem(stemmer));
}

}  // namespace newsindex::query
