#include "indexer/file_cursor.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace newsindex::indexer {

namespace {

constexpr std::string_view kVersion = "file1";

bool read_at(int fd, char* into, std::size_t bytes, std::uint64_t offset) {
    while (bytes > 0) {
        ssize_t got = ::pread(fd, into, bytes, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        into += got;
        bytes -= static_cast<std::size_t>(got);
        offset += static_cast<std::uint64_t>(got);
    }
    return true;
}

char kind_letter(FileCursor::Kind kind) {
    switch (kind) {
        case FileCursor::Kind::kLines: return 'L';
        case FileCursor::Kind::kSnapshot: return 'S';
        case FileCursor::Kind::kStray: return 'X';
    }
    return '?';
}

template <typename T>
bool take_number(std::string_view& text, T& value) {
    std::size_t space = text.find(' ');
    std::string_view field = text.substr(0, space);
    auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size()) return false;
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    return true;
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return std::nullopt;
    return FileStamp{static_cast<std::uint64_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

std::optional<std::uint64_t> fingerprint(const std::filesystem::path& file, std::uint64_t covered) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    const std::uint64_t head = std::min(covered, kFingerprintBytes);
    const std::uint64_t tail_start = covered - std::min(covered, kFingerprintBytes);
    std::vector<char> bytes(head + (covered - tail_start));
    bool ok = read_at(fd, bytes.data(), head, 0) &&
              read_at(fd, bytes.data() + head, covered - tail_start, tail_start);
    ::close(fd);
    if (!ok) return std::nullopt;
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), covered);
}

std::string FileCursor::encode() const {
    return fmt::format("{} {} {} {} {} {} {} {} {:x}", kVersion, kind_letter(kind), stamp.size,
                       stamp.modified_ns, offset, line, compressed ? 1 : 0, covered, fingerprint);
}

std::optional<FileCursor> FileCursor::decode(std::string_view state) {
    if (!state.starts_with(kVersion) || state.size() < kVersion.size() + 3) return std::nullopt;
    state.remove_prefix(kVersion.size() + 1);
    FileCursor cursor;
    switch (state.front()) {
        case 'L': cursor.kind = Kind::kLines; break;
        case 'S': cursor.kind = Kind::kSnapshot; break;
        case 'X': cursor.kind = Kind::kStray; break;
        default: return std::nullopt;
    }
    state.remove_prefix(2);
    int compressed = 0;
    if (!take_number(state, cursor.stamp.size) || !take_number(state, cursor.stamp.modified_ns) ||
        !take_number(state, cursor.offset) || !take_number(state, cursor.line) ||
        !take_number(state, compressed) || !take_number(state, cursor.covered))
        return std::nullopt;
    cursor.compressed = compressed != 0;
    auto [end, error] = std::from_chars(state.data(), state.data() + state.size(), cursor.fingerprint, 16);
    if (error != std::errc() || end != state.data() + state.size()) return std::nullopt;
    return cursor;
}

FileChange file_change(const FileCursor& cursor, const std::filesystem::path& file, const FileStamp& now) {
    if (now.size < cursor.covered || fingerprint(file, cursor.covered) != cursor.fingerprint)
        return FileChange::kRewritten;
    if (now == cursor.stamp) return FileChange::kUnchanged;
    if (cursor.kind == FileCursor::Kind::kLines && now.size >= cursor.stamp.size) return FileChange::kGrown;
    return FileChange::kRewritten;
}

}  // namespace newsindex::indexer
