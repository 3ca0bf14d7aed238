#include "query/cli/revision_commands.h"

#include "cli/usage.h"
#include "query/cli/command_options.h"
#include "query/engine/article_diff.h"
#include "query/engine/show.h"
#include "query/format/changes_format.h"
#include "query/format/diff_format.h"
#include "query/format/history_format.h"
#include "query/format/revision_feed_format.h"
#include "query/format/timeline_format.h"
#include "query/text/query_syntax.h"
#include "query/text/spelling_suggestion.h"

#include <fmt/format.h>

#include <ctime>
#include <memory>

namespace newsindex::query {

namespace {

struct RevisionOptions {
    CommonOptions common;
    std::vector<std::string> words;         // timeline, changes
    std::string only;                       // timeline, changes
    std::string article;                    // history, show, diff
    std::optional<std::uint32_t> revision;  // show
    std::optional<std::uint32_t> from, to;  // diff
    std::size_t limit = TimelineRequest{}.limit;  // timeline; changes: RevisionFeedRequest's
    std::size_t offset = 0;                       // timeline
    std::string what;                             // changes
    std::string changes_article;                  // changes
    std::string feed_url;                         // changes
};

std::string query_text(const RevisionOptions& options) { return command_query(options.words); }

std::optional<EventType> only_type(const RevisionOptions& options) {
    if (options.only.empty()) return std::nullopt;
    return options.only == "vanished" ? EventType::Vanished : EventType::Appeared;
}

int run_timeline(const RevisionOptions& options) {
    TimelineRequest request{query_text(options), to_filters(options.common), only_type(options)};
    request.limit = options.limit;
    request.offset = options.offset;
    request.time_budget = time_budget(options.common);
    NewsDatabase db = open_database(options.common);
    TimelinePage page = build_timeline(db, request);
    write_timeline(stdout, page, request.offset, to_format(options.common),
                   output_style(options.common));
    std::fflush(stdout);
    if (page.articles.empty()) print_did_you_mean(db, request.query);
    return page.articles.empty() ? kExitNothingFound : kExitFound;
}

// The window changes lists without --since: the last 24 hours.
constexpr schema::CaptureTime kDefaultChangesWindow = 24 * 60 * 60;

std::optional<VersionPart> what_part(const std::string& what) {
    if (what.empty()) return std::nullopt;
    return what == "title" ? VersionPart::Title : what == "summary" ? VersionPart::Summary : VersionPart::Text;
}

// Without a query: every new revision in the window (revision_feed.h);
// with one: where its match appeared and vanished (changes.h).
int run_changes(const RevisionOptions& options) {
    Filters filters = to_filters(options.common);
    if (!filters.since) filters.since = static_cast<schema::CaptureTime>(std::time(nullptr)) - kDefaultChangesWindow;
    const bool revisions = !command_has_query(options.words);
    FeedDescription feed{revisions ? "" : query_text(options), filters.sources, *filters.since, filters.until,
                         options.changes_article, options.what, options.feed_url};
    NewsDatabase db = open_database(options.common);
    if (revisions) {
        RevisionFeedRequest request{filters, options.changes_article, what_part(options.what), options.limit,
                                    time_budget(options.common)};
        RevisionFeed revisions = build_revision_feed(db, request);
        write_revision_feed(stdout, revisions, feed, to_format(options.common), output_style(options.common));
        return revisions.changes.empty() ? kExitNothingFound : kExitFound;
    }
    if (!options.what.empty() || !options.changes_article.empty()) {
        throw QueryError("newsquery: --what and --article list revisions: give them without a query", kExitBadQuery);
    }
    ChangesRequest request{feed.query, filters, only_type(options)};
    request.time_budget = time_budget(options.common);
    auto changes = build_changes(db, request);
    std::size_t total = changes.size();
    if (options.limit != 0 && changes.size() > options.limit) changes.resize(options.limit);
    write_changes(stdout, changes, total, feed, to_format(options.common), output_style(options.common));
    std::fflush(stdout);
    if (changes.empty()) print_did_you_mean(db, request.query);
    return changes.empty() ? kExitNothingFound : kExitFound;
}

int run_history(const RevisionOptions& options) {
    NewsDatabase db = open_database(options.common);
    auto history = article_history(db, options.article, to_filters(options.common).as_of);
    write_history(stdout, history, to_format(options.common), output_style(options.common));
    return kExitFound;
}

int run_show(const RevisionOptions& options) {
    NewsDatabase db = open_database(options.common);
    auto shown =
        show_version(db, options.article, options.revision, to_filters(options.common).as_of);
    write_shown_version(stdout, shown, to_format(options.common), output_style(options.common));
    return kExitFound;
}

int run_diff(const RevisionOptions& options) {
    NewsDatabase db = open_database(options.common);
    auto diff = diff_article(db, options.article, options.from, options.to,
                             to_filters(options.common).as_of);
    write_diff(stdout, diff, to_format(options.common), output_style(options.common));
    return kExitFound;
}

constexpr const char* kArticleHelp =
    "The article: its article_id, its 16-hex article key (as search prints it), or its URL";
constexpr const char* kAsOfHelp =
    "The article as it stood then: only revisions captured at or before this time (a plain "
    "date: at its end)";

CLI::App* add_query_command(CLI::App& app, const std::shared_ptr<RevisionOptions>& options,
                            const char* name, const char* description,
                            const std::vector<std::string>& formats, const std::string& footer) {
    CLI::App* cmd = app.add_subcommand(name, description);
    cmd->footer(fmt::format("{}\n\n{}", footer, query_command_help()));
    cmd->add_option("query", options->words,
                    "The query (see Query syntax below); several words are joined with spaces")
        ->type_name("")
        ->expected(1, -1);
    cmd->add_option("--only", options->only,
                    "Keep only this kind of change, appeared or vanished, after the first "
                    "revision (an edit, not a birth); articles left without one are dropped")
        ->type_name("KIND")
        ->check(cli::one_of({"appeared", "vanished"}));
    add_filter_options(*cmd, options->common);
    add_timeout_option(*cmd, options->common);
    add_format_option(*cmd, options->common, formats);
    add_database_option(*cmd, options->common);
    return cmd;
}

CLI::App* add_article_command(CLI::App& app, const std::shared_ptr<RevisionOptions>& options,
                              const char* name, const char* description,
                              const std::vector<std::string>& formats) {
    CLI::App* cmd = app.add_subcommand(name, description);
    cmd->footer(fmt::format("{}\n{}\n{}", kTimeHelp, kDatabaseHelp, kExitCodesHelp));
    cmd->add_option("article", options->article, kArticleHelp)->type_name("")->required();
    cmd->add_option("--as-of", options->common.as_of, kAsOfHelp)->type_name("TIME");
    add_format_option(*cmd, options->common, formats);
    add_database_option(*cmd, options->common);
    return cmd;
}

}  // namespace

void add_revision_commands(CLI::App& app, Subcommands& commands) {
    auto timeline = std::make_shared<RevisionOptions>();
    CLI::App* timeline_cmd = add_query_command(
        app, timeline, "timeline",
        "When a query's match appeared in and vanished from each article", {"table", "json", "csv"},
        "For every article with a matching revision: 'appeared' at a matching revision that is\n"
        "the first or follows one that does not match, 'vanished' at a revision that does not\n"
        "match after one that does; each with the sentence holding the match. Articles are\n"
        "ordered by their first event, --limit at a time. --as-of: the corpus as it stood\n"
        "then. --since/--until keep the events inside that window. --first/--latest: only\n"
        "articles whose first/latest revision matches. --only: only that kind of change\n"
        "after an article's first revision, as in changes.");
    commands.add(timeline_cmd, [timeline] { return run_timeline(*timeline); });
    timeline_cmd
        ->add_option("--limit", timeline->limit, "Show at most N articles; 0 for all (default: 20)")
        ->type_name("N")
        ->transform(cli::whole_number(0, kMaxRows));
    timeline_cmd->add_option("--offset", timeline->offset, "Skip the first N articles (default: 0)")
        ->type_name("N")
        ->transform(cli::whole_number(0, kMaxRows));

    auto changes = std::make_shared<RevisionOptions>();
    changes->limit = RevisionFeedRequest{}.limit;
    CLI::App* changes_cmd = add_query_command(
        app, changes, "changes",
        "What changed in a time window: every new revision, or where a query's match appeared and vanished",
        {"table", "json", "csv", "atom"},
        "Without a query: every new revision (not births: an article's first capture is no\n"
        "change) captured between --since (default: 24 hours ago) and --until (default:\n"
        "now), newest first, each with what it changed against the revision before: the\n"
        "title (old -> new), the summary and the text, sentences added, removed and\n"
        "changed. --what title keeps headline changes alone; --article one article.\n"
        "With a query: each appearance and vanishing of its match in those revisions;\n"
        "--only: only that kind. Either way under a first line that counts them, the\n"
        "newest --limit (default 100; 0 for all). --format atom writes an Atom feed for\n"
        "feed readers, each entry the change itself; --feed-url gives its self link.");
    changes_cmd->get_option("query")->expected(0, -1);
    changes_cmd->add_option("--what", changes->what, "Only revisions that changed this part: title, summary or text")
        ->type_name("PART")
        ->check(cli::one_of({"title", "summary", "text"}));
    changes_cmd->add_option("--article", changes->changes_article,
                            "Only this article's revisions (its article_id, 16-hex key or URL)")
        ->type_name("ARTICLE");
    changes_cmd->add_option("--limit", changes->limit, "Show the newest N changes; 0 for all (default: 100)")
        ->type_name("N")
        ->transform(cli::whole_number(0, kMaxRows));
    changes_cmd->add_option("--feed-url", changes->feed_url,
                            "Where the Atom feed is published: its self link (default: its urn: id)")
        ->type_name("URL");
    commands.add(changes_cmd, [changes] { return run_changes(*changes); });

    auto history = std::make_shared<RevisionOptions>();
    CLI::App* history_cmd =
        add_article_command(app, history, "history",
                            "Every revision of an article: when, how long, how much changed",
                            {"table", "json", "csv"});
    commands.add(history_cmd, [history] { return run_history(*history); });

    auto show = std::make_shared<RevisionOptions>();
    CLI::App* show_cmd = add_article_command(app, show, "show",
                                             "The text of one revision of an article (the latest "
                                             "by default)",
                                             {"table", "json"});
    show_cmd->add_option("--revision", show->revision, "The revision to show (1 = first capture)")
        ->type_name("N");
    commands.add(show_cmd, [show] { return run_show(*show); });

    auto diff = std::make_shared<RevisionOptions>();
    CLI::App* diff_cmd = add_article_command(
        app, diff, "diff", "What changed between two revisions of an article", {"table", "json"});
    diff_cmd->add_option("A", diff->from,
                         "A revision: alone, what it changed (A-1 to A); without it, the last "
                         "two revisions")
        ->type_name("N");
    diff_cmd->add_option("B", diff->to, "A revision to compare A against (A B: A to B)")
        ->type_name("N");
    commands.add(diff_cmd, [diff] { return run_diff(*diff); });
}

}  // namespace newsindex::query
