#include "corpus/generator/random_stream.h"

#include <algorithm>

namespace newsgen {

std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t RandomStream::below(std::uint64_t n) {
    // Reject the top partial block of 2^64 so every residue is equally likely.
    const std::uint64_t limit = (~std::uint64_t{0}) - ((~std::uint64_t{0}) % n + 1) % n;
    std::uint64_t x = next();
    while (x > limit) x = next();
    return x % n;
}

std::int64_t RandomStream::between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

bool RandomStream::chance(double p) {
    // 53 random bits as a double in [0, 1): exact, so the comparison is too.
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    return u < p;
}

int RandomStream::geometric(double mean) {
    const double keep_going = mean / (1.0 + mean);
    int count = 0;
    while (chance(keep_going)) ++count;
    return count;
}

ZipfTable::ZipfTable(std::size_t n) : cumulative_(n) {
    std::uint64_t total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        total += (std::uint64_t{1} << 32) / (r + 1);
        cumulative_[r] = total;
    }
}

std::size_t ZipfTable::draw(RandomStream& random) const {
    const std::uint64_t x = random.below(cumulative_.back());
    return static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
}

}  // namespace newsgen
