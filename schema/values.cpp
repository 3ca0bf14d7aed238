#include "schema/values.h"

#include <limits>

namespace newsindex::schema {

std::string encode_digest(std::uint64_t digest) {
    std::string bytes(8, '\0');
    for (int i = 7; i >= 0; --i) {
        bytes[i] = static_cast<char>(digest & 0xFF);
        digest >>= 8;
    }
    return bytes;
}

std::uint64_t decode_digest(const std::string& bytes) {
    std::uint64_t digest = 0;
    for (unsigned char c : bytes) digest = (digest << 8) | c;
    return digest;
}

std::string encode_time(double seconds) { return Xapian::sortable_serialise(seconds); }

std::string encode_never() {
    return Xapian::sortable_serialise(std::numeric_limits<double>::infinity());
}

double decode_number(const std::string& bytes) { return Xapian::sortable_unserialise(bytes); }

}  // namespace newsindex::schema
