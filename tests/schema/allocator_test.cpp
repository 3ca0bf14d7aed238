// Both commands allocate through jemalloc with its heap on transparent huge
// pages (schema/allocator.cpp), unless the build turned it off.
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsindex::testing {
namespace {

// jemalloc prints its options at exit when MALLOC_CONF asks for statistics;
// the setting a command was linked with stays in force beside it.
std::string allocator_report(const std::string& command) {
    CommandResult result = run_command({command, "--help"}, "", {"MALLOC_CONF=stats_print:true"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.err;
}

TEST(Allocator, CommandsPutTheirHeapOnHugePages) {
    if (!NEWSINDEX_COMMANDS_USE_JEMALLOC) GTEST_SKIP() << "built with NEWSINDEX_JEMALLOC off";
    for (const std::string command : {NEWSINDEX_BIN, NEWSQUERY_BIN}) {
        std::string report = allocator_report(command);
        EXPECT_NE(report.find("jemalloc statistics"), std::string::npos) << command << "\n"
                                                                          << report;
        EXPECT_NE(report.find("opt.thp: \"always\""), std::string::npos) << command << "\n"
                                                                          << report;
    }
}

}  // namespace
}  // namespace newsindex::testing
