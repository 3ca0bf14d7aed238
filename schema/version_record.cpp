#include "schema/version_record.h"

#include <fmt/format.h>
#include <xxhash.h>

namespace newsindex::schema {

namespace {
constexpr char kUnitSeparator = '\x1F';

bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::uint64_t ArticleKey::digest() const {
    std::string joined = source;
    joined += kUnitSeparator;
    joined += identity;
    return XXH3_64bits(joined.data(), joined.size());
}

std::string digest_hex(std::uint64_t digest) { return fmt::format("{:016x}", digest); }

std::string ArticleKey::digest_hex() const { return schema::digest_hex(digest()); }

std::string version_id_text(std::string_view article_digest_hex, const VersionId& id) {
    return fmt::format("{}@{}.{}", article_digest_hex, id.created_at, id.sequence);
}

std::string normalise_whitespace(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (unsigned char c : s) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(c);
    }
    return out;
}

std::uint64_t content_hash(const std::string& title, const std::string& summary,
                           const std::string& text) {
    std::string joined = normalise_whitespace(title);
    joined += kUnitSeparator;
    joined += normalise_whitespace(summary);
    joined += kUnitSeparator;
    joined += normalise_whitespace(text);
    std::uint64_t digest = XXH3_64bits(joined.data(), joined.size());
    return digest == kSeenAgain ? digest + 1 : digest;
}

bool VersionRecord::seen_again() const { return content_hash == kSeenAgain; }

}  // namespace newsindex::schema
