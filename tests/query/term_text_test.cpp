// Terms as words in raw text (query/text/term_text.h).
#include "query/text/term_text.h"

#include <gtest/gtest.h>

using namespace newsindex::query;

TEST(Squash, KeepsWordCharactersLowerCasedCodePointByCodePoint) {
    EXPECT_EQ(squash("The U.S. sent 1,000 tents_now!"), "theussent1000tents_now");
    EXPECT_EQ(squash("Die ÄPFEL fielen – „schnell“."), "dieäpfelfielenschnell");
    // A lower-cased letter may take more bytes than its capital (Ⱥ, 2 bytes,
    // lowers to ⱥ, 3): what follows is still all there.
    EXPECT_EQ(squash("ȺB c"), "ⱥbc");
    EXPECT_EQ(squash(""), "");
    EXPECT_EQ(squash(" ,.;"), "");
}

TEST(HoldsAny, LooksForSquashedWordsInTheSquashedText) {
    EXPECT_TRUE(holds_any("AT&T lines fell.", {"att"}));
    EXPECT_TRUE(holds_any("Prices rose, again.", {"none", "roseagain"}));
    EXPECT_FALSE(holds_any("Prices fell.", {"rose"}));
    EXPECT_FALSE(holds_any("Prices rose.", {}));
}
