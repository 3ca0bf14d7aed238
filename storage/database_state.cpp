#include "storage/database_state.h"

#include <fmt/format.h>

namespace newsindex::storage {

namespace {

std::string shard_names(const Generations& generations) {
    std::string out;
    for (const std::string& shard : generations.shards) {
        out += (out.empty() ? "" : "+") + shard;
    }
    return out;
}

struct Text {
    std::string operator()(const Empty&) const { return "no database"; }
    std::string operator()(const Plain&) const { return "plain"; }
    std::string operator()(const Generations& generations) const {
        return shard_names(generations);
    }
    std::string operator()(const LostList& lost) const {
        return lost.unreadable ? "unreadable shard list" : "lost shard list";
    }
    std::string operator()(const MissingShard& missing) const {
        return fmt::format("{} with {} missing", shard_names(missing.listed), missing.shard);
    }
    std::string operator()(const Foreign& foreign) const {
        switch (foreign.kind) {
            case Foreign::Kind::kNotADirectory: return "not a directory";
            case Foreign::Kind::kOtherShardList: return "another program's shard list";
            case Foreign::Kind::kOtherFiles: return "a directory of other files";
        }
        return "not a newsindex database";
    }
};

}  // namespace

std::string to_text(const DatabaseState& state) { return std::visit(Text{}, state); }

std::string to_text(const HalfCommitted& state) {
    return fmt::format("half committed (generation at revision {}, its recent shard written "
                       "ahead of revision {})",
                       state.generation, state.base);
}

}  // namespace newsindex::storage
