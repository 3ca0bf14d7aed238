#include "query/format/diff_format.h"

#include "query/format/article_heading.h"
#include "query/format/json_line.h"

#include <fmt/format.h>

#include <algorithm>

namespace newsindex::query {

namespace {

std::string_view op_name(SentenceOp op) {
    switch (op) {
        case SentenceOp::Same:
            return "same";
        case SentenceOp::Removed:
            return "removed";
        case SentenceOp::Added:
            return "added";
        case SentenceOp::Edited:
            return "edited";
    }
    return "same";
}

std::string_view op_name(WordOp op) {
    switch (op) {
        case WordOp::Same:
            return "same";
        case WordOp::Removed:
            return "removed";
        case WordOp::Added:
            return "added";
    }
    return "same";
}

// "with [-old-]{+new+}": a run's leading space goes outside its brackets,
// and an added run right after a removed one shares that space.
std::string marked_words(const std::vector<WordRun>& words, const Style& style) {
    std::string out;
    WordOp previous = WordOp::Same;
    for (const WordRun& run : words) {
        const std::string safe = terminal_text(run.text);
        std::string_view text = safe;
        bool space = !text.empty() && text.front() == ' ';
        if (space) text.remove_prefix(1);
        if (space && !(run.op == WordOp::Added && previous == WordOp::Removed)) out += ' ';
        switch (run.op) {
            case WordOp::Same:
                out += text;
                break;
            case WordOp::Removed:
                out += fmt::format("{}[-{}-]{}", style.removed(), text, style.reset());
                break;
            case WordOp::Added:
                out += fmt::format("{}{{+{}+}}{}", style.added(), text, style.reset());
                break;
        }
        previous = run.op;
    }
    return out;
}

nlohmann::json stamp_json(const schema::VersionRecord& v) {
    return {{"revision", v.revision}, {"captured_at", iso_time(v.captured_at)}};
}

}  // namespace

std::string change_line(const SentenceChange& change, const Style& style) {
    switch (change.op) {
        case SentenceOp::Removed:
            return fmt::format("{}- {}{}\n", style.removed(), terminal_text(change.old_text),
                               style.reset());
        case SentenceOp::Added:
            return fmt::format("{}+ {}{}\n", style.added(), terminal_text(change.new_text),
                               style.reset());
        case SentenceOp::Edited:
            return fmt::format("~ {}\n", marked_words(change.words, style));
        case SentenceOp::Same:
            return fmt::format("  {}\n", terminal_text(change.old_text));
    }
    return {};
}

nlohmann::json change_json(const SentenceChange& change) {
    nlohmann::json object = {{"op", op_name(change.op)}};
    if (change.op == SentenceOp::Same) {
        object["text"] = change.old_text;
        return object;
    }
    if (change.op != SentenceOp::Added) object["old"] = change.old_text;
    if (change.op != SentenceOp::Removed) object["new"] = change.new_text;
    if (change.op == SentenceOp::Edited) {
        nlohmann::json words = nlohmann::json::array();
        for (const WordRun& run : change.words) {
            words.push_back({{"op", op_name(run.op)}, {"text", run.text}});
        }
        object["words"] = std::move(words);
    }
    return object;
}

std::string diff_table(const ArticleDiff& d, const Style& style) {
    const schema::VersionRecord& to = d.to;
    std::string out = article_heading(to.title, to.article.source, to.url, to.article.identity, style);
    out += fmt::format("revision {} ({}) → revision {} ({}), of {}\n\n", d.from.revision,
                       iso_time(d.from.captured_at), to.revision, iso_time(to.captured_at),
                       d.revisions);
    out += d.diff.title.op == SentenceOp::Same
               ? fmt::format("title: {}\n", terminal_text(d.diff.title.old_text))
                                               : "title: " + change_line(d.diff.title, style);
    std::size_t unchanged = 0;
    auto flush_unchanged = [&] {
        if (unchanged > 0) {
            out += fmt::format("{}· {} unchanged sentence{}{}\n", style.dim(), unchanged,
                               unchanged == 1 ? "" : "s", style.reset());
        }
        unchanged = 0;
    };
    bool changed = std::any_of(d.diff.body.begin(), d.diff.body.end(),
                               [](const SentenceChange& c) { return c.op != SentenceOp::Same; });
    if (!changed) return out + "(summary and text unchanged)\n";
    for (const SentenceChange& change : d.diff.body) {
        if (change.op == SentenceOp::Same) {
            ++unchanged;
            continue;
        }
        flush_unchanged();
        out += change_line(change, style);
    }
    flush_unchanged();
    return out;
}

std::string diff_json(const ArticleDiff& d) {
    nlohmann::json changes = nlohmann::json::array();
    std::size_t unchanged = 0;
    for (const SentenceChange& change : d.diff.body) {
        if (change.op == SentenceOp::Same) {
            ++unchanged;
        } else {
            changes.push_back(change_json(change));
        }
    }
    return json_line({{"article_id", d.to.article.identity},
                      {"article_key", d.to.article.digest_hex()},
                      {"source", d.to.article.source},
                      {"url", d.to.url},
                      {"from", stamp_json(d.from)},
                      {"to", stamp_json(d.to)},
                      {"title", change_json(d.diff.title)},
                      {"changes", std::move(changes)},
                      {"unchanged", unchanged}});
}

void write_diff(std::FILE* out, const ArticleDiff& diff, OutputFormat format, const Style& style) {
    fmt::print(out, "{}", format == OutputFormat::Json ? diff_json(diff) : diff_table(diff, style));
}

}  // namespace newsindex::query
