// File systems the disk tests mount for themselves: a small tmpfs that fills
// up, and a read-only view of a directory. Mounting needs root (or
// CAP_SYS_ADMIN); where it is refused the tests skip, saying why. Root
// ignores permission bits, so chmod 0555 cannot make a directory read-only
// for these tests; a read-only bind mount can.
#pragma once

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace newsindex::testing {

class MountedDirectory {
  public:
    // A tmpfs of `bytes` at `where` (created if missing). nullopt, with
    // `why` set, when mounting is not allowed here.
    static std::optional<MountedDirectory> tmpfs(const std::filesystem::path& where, std::size_t bytes,
                                                 std::string& why) {
        std::filesystem::create_directories(where);
        std::string options = "size=" + std::to_string(bytes);
        if (::mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) != 0) {
            why = "cannot mount a tmpfs at " + where.string() + ": " + std::strerror(errno);
            return std::nullopt;
        }
        return MountedDirectory(where);
    }

    // `source` seen read-only at `where`.
    static std::optional<MountedDirectory> read_only_view(const std::filesystem::path& source,
                                                          const std::filesystem::path& where,
                                                          std::string& why) {
        std::filesystem::create_directories(where);
        if (::mount(source.c_str(), where.c_str(), nullptr, MS_BIND, nullptr) != 0) {
            why = "cannot bind-mount " + source.string() + ": " + std::strerror(errno);
            return std::nullopt;
        }
        MountedDirectory mounted(where);
        if (::mount(nullptr, where.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
            why = "cannot make the bind mount read-only: " + std::string(std::strerror(errno));
            return std::nullopt;
        }
        return mounted;
    }

    // Changes a tmpfs's size (more room after a "disk full").
    bool resize(std::size_t bytes) {
        std::string options = "size=" + std::to_string(bytes);
        return ::mount(nullptr, where_.c_str(), nullptr, MS_REMOUNT, options.c_str()) == 0;
    }

    MountedDirectory(MountedDirectory&& other) noexcept : where_(std::move(other.where_)) { other.where_.clear(); }
    MountedDirectory& operator=(MountedDirectory&& other) noexcept {
        std::swap(where_, other.where_);
        return *this;
    }
    MountedDirectory(const MountedDirectory&) = delete;
    ~MountedDirectory() {
        // Lazily: a process still holding a file there must not keep the
        // mount alive after the test.
        if (!where_.empty()) ::umount2(where_.c_str(), MNT_DETACH);
    }

    const std::filesystem::path& path() const { return where_; }

  private:
    explicit MountedDirectory(std::filesystem::path where) : where_(std::move(where)) {}
    std::filesystem::path where_;
};

}  // namespace newsindex::testing
