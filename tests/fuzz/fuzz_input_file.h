// The fuzz input as a file, for targets that read a path: written to a
// memfd and named through /proc/self/fd, so each run opens it afresh at
// offset 0 without touching the disk.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace newsindex::fuzz {

// The path of a file holding data[0, size); the same path every call.
inline std::string input_file(const std::uint8_t* data, std::size_t size) {
    static const int fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
    return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace newsindex::fuzz
