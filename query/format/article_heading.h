// The heading every revision table starts an article with, so timeline,
// changes, history and diff look alike: the title in bold, then source and
// URL dimmed.
#pragma once

#include "query/format/output.h"

#include <string>
#include <string_view>

namespace newsindex::query {

// "TITLE\n  SOURCE  URL[EXTRA]\n"; "(untitled)" for an empty title, the
// article id for an empty URL (captures without one).
std::string article_heading(const std::string& title, const std::string& source,
                            const std::string& url, const std::string& article_id,
                            const Style& style, std::string_view extra = {});

}  // namespace newsindex::query
