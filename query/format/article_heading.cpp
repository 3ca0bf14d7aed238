#include "query/format/article_heading.h"

#include <fmt/format.h>

namespace newsindex::query {

std::string article_heading(const std::string& title, const std::string& source,
                            const std::string& url, const std::string& article_id,
                            const Style& style, std::string_view extra) {
    return fmt::format("{}{}{}\n  {}{}  {}{}{}\n", style.bold(),
                       title.empty() ? std::string("(untitled)") : terminal_text(title),
                       style.reset(), style.dim(), terminal_text(source),
                       terminal_text(url.empty() ? article_id : url), extra, style.reset());
}

}  // namespace newsindex::query
