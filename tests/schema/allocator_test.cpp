// How the commands allocate (schema/allocator.cpp): through jemalloc with its
// heap on transparent huge pages, or, in a build with NEWSINDEX_JEMALLOC off
// (every sanitizer build), through the C library's malloc.
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace newsindex::testing {
namespace {

// jemalloc prints its options at exit when MALLOC_CONF asks for statistics;
// the setting a command was linked with stays in force beside it. The C
// library's malloc does not read MALLOC_CONF and prints nothing.
std::string allocator_report(const std::string& command) {
    CommandResult result = run_command({command, "--help"}, "", {"MALLOC_CONF=stats_print:true"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.err;
}

TEST(Allocator, CommandsAllocateAsTheBuildChose) {
    for (const std::string command : {NEWSINDEX_BIN, NEWSQUERY_BIN}) {
        std::string report = allocator_report(command);
        if (NEWSINDEX_COMMANDS_USE_JEMALLOC) {
            EXPECT_NE(report.find("jemalloc statistics"), std::string::npos) << command << "\n"
                                                                              << report;
            EXPECT_NE(report.find("opt.thp: \"always\""), std::string::npos) << command << "\n"
                                                                              << report;
        } else {
            EXPECT_EQ(report.find("jemalloc"), std::string::npos) << command << "\n" << report;
        }
    }
}

}  // namespace
}  // namespace newsindex::testing
