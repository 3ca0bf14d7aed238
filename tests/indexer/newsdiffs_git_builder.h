// Writes small NewsDiffs-style git repositories for the tests, through
// libgit2: a commit per call, each with its own committer time, its objects
// loose (one file each) so that a test can remove one.
#pragma once

#include <git2.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace newsindex::indexer::e2e {

class NewsDiffsGitBuilder {
  public:
    // A new repository with a work tree at `directory`.
    explicit NewsDiffsGitBuilder(const std::filesystem::path& directory) {
        git_libgit2_init();
        check(git_repository_init(&repository_, directory.c_str(), 0));
    }
    ~NewsDiffsGitBuilder() {
        git_repository_free(repository_);
        git_libgit2_shutdown();
    }
    NewsDiffsGitBuilder(const NewsDiffsGitBuilder&) = delete;
    NewsDiffsGitBuilder& operator=(const NewsDiffsGitBuilder&) = delete;

    // A commit on HEAD at `time` (UTC seconds) that writes each file of
    // `files` (path -> content) or, for nullopt, deletes it. Returns the
    // commit's id in hex.
    std::string commit(std::int64_t time, const std::map<std::string, std::optional<std::string>>& files) {
        git_index* index = nullptr;
        check(git_repository_index(&index, repository_));
        for (const auto& [path, content] : files) {
            if (!content) {
                check(git_index_remove_bypath(index, path.c_str()));
                continue;
            }
            git_index_entry entry{};
            entry.path = path.c_str();
            entry.mode = GIT_FILEMODE_BLOB;
            check(git_index_add_from_buffer(index, &entry, content->data(), content->size()));
        }
        check(git_index_write(index));
        git_oid tree_id;
        check(git_index_write_tree(&tree_id, index));
        git_index_free(index);
        git_tree* tree = nullptr;
        check(git_tree_lookup(&tree, repository_, &tree_id));
        git_signature* signature = nullptr;
        check(git_signature_new(&signature, "NewsDiffs", "newsdiffs@example.com", time, 0));
        git_commit* parent = nullptr;
        git_oid head;
        if (git_reference_name_to_id(&head, repository_, "HEAD") == 0) check(git_commit_lookup(&parent, repository_, &head));
        const git_commit* parents[] = {parent};
        git_oid id;
        check(git_commit_create(&id, repository_, "HEAD", signature, signature, nullptr, "Change to article", tree,
                                parent != nullptr ? 1 : 0, parents));
        git_commit_free(parent);
        git_signature_free(signature);
        git_tree_free(tree);
        return oid_hex(id);
    }

    // The id (hex) of the blob `path` holds at commit `commit`.
    std::string blob_at(const std::string& commit, const std::string& path) {
        git_oid commit_id;
        check(git_oid_fromstr(&commit_id, commit.c_str()));
        git_commit* c = nullptr;
        check(git_commit_lookup(&c, repository_, &commit_id));
        git_tree* tree = nullptr;
        check(git_commit_tree(&tree, c));
        git_tree_entry* entry = nullptr;
        check(git_tree_entry_bypath(&entry, tree, path.c_str()));
        std::string id = oid_hex(*git_tree_entry_id(entry));
        git_tree_entry_free(entry);
        git_tree_free(tree);
        git_commit_free(c);
        return id;
    }

    // The file of a loose object, under .git/objects.
    std::filesystem::path object_file(const std::string& id) const {
        return std::filesystem::path(git_repository_path(repository_)) / "objects" / id.substr(0, 2) / id.substr(2);
    }

  private:
    static std::string oid_hex(const git_oid& id) {
        char text[GIT_OID_HEXSZ + 1] = {};
        git_oid_tostr(text, sizeof text, &id);
        return text;
    }
    static void check(int status) {
        if (status < 0) {
            const git_error* error = git_error_last();
            ADD_FAILURE() << "libgit2: " << (error != nullptr ? error->message : "unknown error");
        }
    }

    git_repository* repository_ = nullptr;
};

}  // namespace newsindex::indexer::e2e
