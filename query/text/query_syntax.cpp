#include "query/text/query_syntax.h"

#include "query/database.h"
#include "schema/time.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace newsindex::query {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The byte length of the double quote at `at` (", “ or ”), 0 if none there.
std::size_t quote_at(std::string_view text, std::size_t at) {
    if (text[at] == '"') return 1;
    if (text.substr(at, 3) == "\u201C" || text.substr(at, 3) == "\u201D") return 3;
    return 0;
}

// The query as the one-line message shows it: a newline or other control
// character in it escaped, so the message stays one line.
std::string shown(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
    return out;
}

const QueryField* field_named(std::string_view name) {
    auto it = std::find_if(kQueryFields.begin(), kQueryFields.end(),
                           [&](const QueryField& field) { return field.name == name; });
    return it == kQueryFields.end() ? nullptr : &*it;
}

std::string field_list() {
    std::vector<std::string_view> names;
    for (const QueryField& field : kQueryFields) names.push_back(field.name);
    return fmt::format("{}", fmt::join(names, ", "));
}

// Reads a query's text as QueryParser will and remembers its first problem.
class SyntaxScanner {
  public:
    explicit SyntaxScanner(std::string_view text) : text_(text) {}

    std::optional<std::string> problem() {
        while (at_ < text_.size() && !problem_) step();
        if (problem_) return problem_;
        if (quote_) return fmt::format("unclosed quote at character {}", character(*quote_));
        if (!open_.empty()) {
            return fmt::format("unclosed '(' at character {}", character(open_.back()));
        }
        return std::nullopt;
    }

  private:
    void step() {
        const std::size_t here = at_;
        if (std::size_t quote = quote_at(text_, here)) {
            quote_ = quote_ ? std::nullopt : std::optional(here);
            at_ += quote;
            word_start_ = !quote_;
            return;
        }
        if (quote_) {  // inside a phrase only its closing quote counts
            ++at_;
            return;
        }
        const char c = text_[here];
        if (c == '(') {
            open_.push_back(here);
        } else if (c == ')') {
            close_bracket(here);
        } else if (word_start_ && is_name_char(c) && !(c >= '0' && c <= '9')) {
            field_or_word();
            return;
        }
        word_start_ = is_space(c) || c == '(' || c == ')' || c == '+' || c == '-';
        ++at_;
    }

    void close_bracket(std::size_t here) {
        if (open_.empty()) {
            problem_ = fmt::format("')' at character {} closes no '('", character(here));
        } else {
            open_.pop_back();
        }
    }

    // At the start of a word: "name:value" is a field; anything else a word.
    void field_or_word() {
        std::size_t end = at_;
        while (end < text_.size() && is_name_char(text_[end])) ++end;
        const bool field_syntax =
            end + 1 < text_.size() && text_[end] == ':' && !is_space(text_[end + 1]);
        if (!field_syntax) {
            at_ = end;
            word_start_ = false;
            return;
        }
        std::string_view name = text_.substr(at_, end - at_);
        const QueryField* field = field_named(name);
        if (!field) {
            problem_ = fmt::format("unknown field \"{}:\" at character {} (fields: {})", name,
                                   character(at_), field_list());
            return;
        }
        at_ = end + 1;
        word_start_ = true;  // a free field's value is read as any query text
        if (field->free) return;
        // A filter's value runs to the next space; the ')' that end it
        // close brackets ("(site:a OR site:b)").
        std::size_t value_end = at_;
        while (value_end < text_.size() && !is_space(text_[value_end])) ++value_end;
        std::size_t closers = value_end;
        while (closers > at_ && text_[closers - 1] == ')' && open_.size() > value_end - closers) {
            --closers;
        }
        for (std::size_t i = closers; i < value_end && !problem_; ++i) close_bracket(i);
        at_ = value_end;
    }

    // Characters, not bytes, counted from 1: what a person counts.
    std::size_t character(std::size_t byte) const {
        return 1 + static_cast<std::size_t>(std::count_if(
                       text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(byte),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    }

    std::string_view text_;
    std::size_t at_ = 0;
    bool word_start_ = true;
    std::optional<std::size_t> quote_;  // where the open phrase began
    std::vector<std::size_t> open_;     // where each open '(' is
    std::optional<std::string> problem_;
};

// The operators of QueryParser's FLAG_BOOLEAN, FLAG_PHRASE and FLAG_NEAR
// (upper case only: FLAG_BOOLEAN_ANY_CASE is not used).
bool is_operator(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
           word == "ADJ";
}

}  // namespace

std::string lower_case_words(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    std::size_t lower_from = 0;  // where the text still to lower-case starts
    // Copies text_[from, to) as typed, after lower-casing what came before.
    auto keep = [&](std::size_t from, std::size_t to) {
        out += Xapian::Unicode::tolower(std::string(text.substr(lower_from, from - lower_from)));
        out.append(text.substr(from, to - from));
        lower_from = to;
    };
    bool word_start = true;
    bool in_phrase = false;
    while (at < text.size()) {
        if (std::size_t quote = quote_at(text, at)) {
            in_phrase = !in_phrase;
            at += quote;
            word_start = !in_phrase;
            continue;
        }
        const char c = text[at];
        if (in_phrase || !word_start || !is_name_char(c)) {
            word_start = !in_phrase && (is_space(c) || c == '(' || c == ')' || c == '+' || c == '-');
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && is_name_char(text[end])) ++end;
        const std::string_view name = text.substr(at, end - at);
        if (end + 1 < text.size() && text[end] == ':' && !is_space(text[end + 1])) {
            const QueryField* field = field_named(name);
            if (field && !field->free) {  // a filter's value runs to the next space
                std::size_t value_end = end + 1;
                while (value_end < text.size() && !is_space(text[value_end])) ++value_end;
                keep(at, value_end);
                at = value_end;
                word_start = false;
                continue;
            }
            at = end + 1;  // a free field's value is read as any query text
            continue;
        }
        std::size_t operator_end = end;
        if ((name == "NEAR" || name == "ADJ") && end < text.size() && text[end] == '/') {
            std::size_t digits = end + 1;
            while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
            if (digits > end + 1) operator_end = digits;
        }
        if (is_operator(name) && (operator_end == text.size() || is_space(text[operator_end]) ||
                                  text[operator_end] == '(' || text[operator_end] == ')')) {
            keep(at, operator_end);
            at = operator_end;
        } else {
            at = end;
        }
        word_start = false;
    }
    keep(text.size(), text.size());
    return out;
}

bool is_blank_query(std::string_view text) { return std::all_of(text.begin(), text.end(), is_space); }

void refuse_blank_query(std::string_view text) {
    if (is_blank_query(text)) {
        throw QueryError("newsquery: the query is blank (give words to search for; "
                         "see the command's --help)",
                         kExitBadQuery);
    }
}

void check_query_syntax(const std::string& text) {
    if (auto problem = SyntaxScanner(text).problem()) {
        throw QueryError(fmt::format("newsquery: bad query '{}': {}", shown(text), *problem),
                         kExitBadQuery);
    }
}

void check_time_window(std::optional<schema::CaptureTime> since,
                       std::optional<schema::CaptureTime> until) {
    if (since && until && *since > *until) {
        throw QueryError(fmt::format("newsquery: --until {} is before --since {}: the time window "
                                     "ends before it starts",
                                     schema::format_iso8601(*until),
                                     schema::format_iso8601(*since)),
                         kExitBadQuery);
    }
}

}  // namespace newsindex::query
