// newsdiffs_floor [--threads N] REPOSITORY...: the least any reader of these
// NewsDiffs git repositories can take with libgit2, before it parses
// anything. Each repository's history from HEAD is walked oldest first
// (git_revwalk), each commit's tree compared with its first parent's in one
// pass over both sorted trees, descending only into subtrees whose ids
// differ, and every file a commit adds or changes read whole
// (git_blob_lookup); repositories are shared out over N threads (default:
// one per core), each with its own handle; nothing else. What newsindex
// adds on top is its own work: the file's fields, identity, the index.
// Prints {"seconds": S, "commits": C, "files": F, "bytes": B} on stdout.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Counts {
    std::uint64_t commits = 0;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
};

[[noreturn]] void fail(const std::string& what) {
    const git_error* error = git_error_last();
    throw std::runtime_error(fmt::format("{}: {}", what, error != nullptr ? error->message : "unknown error"));
}

git_tree* lookup_tree(git_repository* repository, const git_oid* id) {
    git_tree* tree = nullptr;
    if (git_tree_lookup(&tree, repository, id) < 0) fail("tree");
    return tree;
}

// Reads every blob of `now` that `before` (null: an empty tree) does not
// hold at the same path with the same id.
void read_changed(git_repository* repository, const git_tree* before, const git_tree* now, Counts& counts) {
    std::size_t count = git_tree_entrycount(now);
    std::size_t old_count = before != nullptr ? git_tree_entrycount(before) : 0;
    std::size_t j = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(now, i);
        while (j < old_count && git_tree_entry_cmp(git_tree_entry_byindex(before, j), entry) < 0) ++j;
        const git_tree_entry* old = nullptr;
        if (j < old_count && std::strcmp(git_tree_entry_name(git_tree_entry_byindex(before, j)),
                                         git_tree_entry_name(entry)) == 0)
            old = git_tree_entry_byindex(before, j);
        if (old != nullptr && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(entry))) continue;
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
            git_tree* subtree = lookup_tree(repository, git_tree_entry_id(entry));
            git_tree* old_subtree = old != nullptr && git_tree_entry_type(old) == GIT_OBJECT_TREE
                                        ? lookup_tree(repository, git_tree_entry_id(old))
                                        : nullptr;
            read_changed(repository, old_subtree, subtree, counts);
            git_tree_free(old_subtree);
            git_tree_free(subtree);
            continue;
        }
        git_blob* blob = nullptr;
        if (git_blob_lookup(&blob, repository, git_tree_entry_id(entry)) < 0) fail("blob");
        counts.bytes += static_cast<std::uint64_t>(git_blob_rawsize(blob));
        ++counts.files;
        git_blob_free(blob);
    }
}

void read_repository(const std::string& path, Counts& counts) {
    git_repository* repository = nullptr;
    if (git_repository_open_ext(&repository, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
        fail(path);
    git_oid head;
    if (git_reference_name_to_id(&head, repository, "HEAD") < 0) fail(path + ": HEAD");
    git_revwalk* walk = nullptr;
    if (git_revwalk_new(&walk, repository) < 0) fail(path + ": revwalk");
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
    if (git_revwalk_push(walk, &head) < 0) fail(path + ": revwalk");
    git_oid id;
    while (git_revwalk_next(&id, walk) == 0) {
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, repository, &id) < 0) fail(path + ": commit");
        git_tree* tree = nullptr;
        if (git_commit_tree(&tree, commit) < 0) fail(path + ": tree");
        git_tree* parent_tree = nullptr;
        if (git_commit_parentcount(commit) > 0) {
            git_commit* parent = nullptr;
            if (git_commit_parent(&parent, commit, 0) < 0) fail(path + ": parent");
            if (git_commit_tree(&parent_tree, parent) < 0) fail(path + ": parent's tree");
            git_commit_free(parent);
        }
        read_changed(repository, parent_tree, tree, counts);
        ++counts.commits;
        git_tree_free(parent_tree);
        git_tree_free(tree);
        git_commit_free(commit);
    }
    git_revwalk_free(walk);
    git_repository_free(repository);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"libgit2's floor for reading NewsDiffs repositories: walk, compare trees, read changed files"};
    std::vector<std::string> repositories;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    app.add_option("REPOSITORY", repositories, "git repositories (one NewsDiffs month each)")->required();
    app.add_option("--threads", threads, "Threads, each reading whole repositories");
    CLI11_PARSE(app, argc, argv);
    git_libgit2_init();

    auto start = std::chrono::steady_clock::now();
    std::atomic<std::size_t> next = 0;
    std::vector<Counts> counts(threads);
    std::vector<std::thread> workers;
    std::atomic<bool> failed = false;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            try {
                for (std::size_t i; (i = next++) < repositories.size();) read_repository(repositories[i], counts[t]);
            } catch (const std::exception& error) {
                fmt::print(stderr, "newsdiffs_floor: {}\n", error.what());
                failed = true;
            }
        });
    }
    for (std::thread& worker : workers) worker.join();
    if (failed) return 1;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Counts total;
    for (const Counts& c : counts) {
        total.commits += c.commits;
        total.files += c.files;
        total.bytes += c.bytes;
    }
    fmt::print("{{\"seconds\": {:.3f}, \"commits\": {}, \"files\": {}, \"bytes\": {}}}\n", seconds, total.commits,
               total.files, total.bytes);
    git_libgit2_shutdown();
}
