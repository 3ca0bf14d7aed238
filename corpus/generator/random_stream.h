// The generator's only source of randomness. Everything newsgen writes is a
// function of the seed, so the same --seed gives the same bytes on every
// machine: we take the raw output of std::mt19937_64 (fully specified by the
// C++ standard) and map it to ranges and probabilities ourselves, because
// std::*_distribution results differ between standard libraries.
#pragma once

#include <cstdint>
#include <iterator>
#include <random>
#include <string_view>
#include <vector>

namespace newsgen {

// A well-mixed 64-bit value from `x` (SplitMix64's finaliser). Used to derive
// independent seeds, e.g. one per article, from the run's seed.
std::uint64_t mix64(std::uint64_t x);

class RandomStream {
  public:
    explicit RandomStream(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }
    // Uniform in [0, n); n > 0. Unbiased (rejection sampling).
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // True with probability p (0 <= p <= 1).
    bool chance(double p);
    // A count >= 0 with geometric distribution and the given mean.
    int geometric(double mean);

    // A uniformly chosen element of a non-empty array, vector or span.
    template <typename Items>
    const auto& pick(const Items& items) {
        return items[below(std::size(items))];
    }

  private:
    std::mt19937_64 engine_;
};

// Zipf-distributed choice of a rank in [0, n): rank r is drawn with weight
// proportional to 1/(r+1), so the first entries of a word list are common
// and the tail is rare. Integer weights keep draws identical everywhere.
class ZipfTable {
  public:
    explicit ZipfTable(std::size_t n);
    std::size_t draw(RandomStream& random) const;
    std::size_t size() const { return cumulative_.size(); }

  private:
    std::vector<std::uint64_t> cumulative_;
};

// A word list sampled with Zipf weights in list order.
class WordList {
  public:
    explicit WordList(std::vector<std::string_view> words)
        : words_(std::move(words)), zipf_(words_.size()) {}
    std::string_view draw(RandomStream& random) const { return words_[zipf_.draw(random)]; }
    std::string_view uniform(RandomStream& random) const { return random.pick(words_); }
    const std::vector<std::string_view>& words() const { return words_; }

  private:
    std::vector<std::string_view> words_;
    ZipfTable zipf_;
};

}  // namespace newsgen
