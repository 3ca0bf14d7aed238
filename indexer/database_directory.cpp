#include "indexer/database_directory.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace newsindex::indexer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kStubTemporary = "XAPIANDB.tmp";
constexpr const char* kGlassVersionFile = "iamglass";
constexpr const char* kGenerationPrefix = "gen-";

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw fs::filesystem_error(what, path, std::error_code(errno, std::generic_category()));
}

// fsync of a file or directory: what makes a rename or a file's contents
// survive a crash of the machine.
void sync_path(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open to sync", path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail("cannot sync", path);
}

void sync_tree(const fs::path& directory) {
    for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
        if (entry.is_regular_file()) sync_path(entry.path());
    }
    sync_path(directory);
}

// "gen-000012" -> 12; 0 for anything else.
unsigned long generation_number(const std::string& name) {
    if (!name.starts_with(kGenerationPrefix)) return 0;
    try {
        return std::stoul(name.substr(std::string(kGenerationPrefix).size()));
    } catch (const std::exception&) {
        return 0;
    }
}

// The generation a stub file names: its one line is "glass gen-NNNNNN".
std::string stub_generation(const fs::path& stub) {
    std::ifstream in(stub);
    std::string backend, name;
    if (!(in >> backend >> name)) return {};
    return name;
}

}  // namespace

std::string DatabaseDirectory::state() const {
    std::error_code ec;
    if (fs::exists(path_ / kGlassVersionFile, ec)) return "plain";
    std::string generation = stub_generation(path_ / kStub);
    return generation.empty() ? "none" : generation;
}

fs::path DatabaseDirectory::current() const {
    std::string now = state();
    return now == "plain" || now == "none" ? path_ : path_ / now;
}

fs::path DatabaseDirectory::next_generation() const {
    return path_ / fmt::format("{}{:06d}", kGenerationPrefix, generation_number(state()) + 1);
}

void DatabaseDirectory::publish(const fs::path& generation) const {
    sync_tree(generation);
    fs::path temporary = path_ / kStubTemporary;
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << "glass " << generation.filename().string() << "\n";
        out.flush();
        if (!out) fail("cannot write", temporary);
    }
    sync_path(temporary);
    fs::rename(temporary, path_ / kStub);
    sync_path(path_);
    // A plain database stays the one in use while its version file exists.
    if (fs::remove(path_ / kGlassVersionFile)) sync_path(path_);
}

void DatabaseDirectory::remove_leftovers() const {
    std::error_code ec;
    const std::string now = state();
    const bool generations = now != "plain" && now != "none";
    fs::remove_all(staging(), ec);
    fs::remove(path_ / kStubTemporary, ec);
    if (now == "plain") fs::remove(path_ / kStub, ec);
    std::vector<fs::path> unused;
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.starts_with(kGenerationPrefix) && generation_number(name) > 0 && name != now) {
            unused.push_back(it->path());
        } else if (generations && it->path().extension() == ".glass") {
            // The tables of a plain database a generation replaced.
            unused.push_back(it->path());
        }
    }
    for (const fs::path& path : unused) fs::remove_all(path, ec);
}

}  // namespace newsindex::indexer
