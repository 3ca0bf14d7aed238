// The wording of generated news prose. Every body, lead and quote template
// yields one sentence with no full stop inside it (no abbreviations such as
// "Mr."), so sentences can be told apart by their final punctuation.
#include "corpus/generator/sentence_template.h"

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace newsgen {

namespace {

constexpr std::array<std::pair<std::string_view, Slot>, 28> kSlotNames = {{
    {"person", Slot::kPerson}, {"name", Slot::kName}, {"org", Slot::kOrg},
    {"company", Slot::kCompany}, {"place", Slot::kPlace}, {"day", Slot::kDay},
    {"when", Slot::kWhen}, {"np", Slot::kNp}, {"nps", Slot::kNps}, {"bare_np", Slot::kBareNp},
    {"noun", Slot::kNoun}, {"nouns", Slot::kNouns}, {"adj", Slot::kAdj},
    {"a_adj", Slot::kAdjWithArticle}, {"adv", Slot::kAdv},
    {"vpast", Slot::kVerbPast}, {"vbase", Slot::kVerbBase}, {"vpres", Slot::kVerbPresent},
    {"phrase", Slot::kPhrase}, {"num", Slot::kNum}, {"pct", Slot::kPercent},
    {"money", Slot::kMoney}, {"year", Slot::kYear}, {"month", Slot::kMonth},
    {"weekday", Slot::kWeekday}, {"quote", Slot::kQuote}, {"tail", Slot::kTail},
    {"mood", Slot::kMood},
}};

std::vector<SentenceTemplate> compile_all(std::initializer_list<std::string_view> texts) {
    std::vector<SentenceTemplate> out;
    for (auto text : texts) out.push_back(compile_template(text));
    return out;
}

}  // namespace

SentenceTemplate compile_template(std::string_view text) {
    SentenceTemplate pieces;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find('{', pos);
        if (open != pos) {
            const std::size_t end = open == std::string_view::npos ? text.size() : open;
            pieces.push_back({Slot::kLiteral, text.substr(pos, end - pos)});
            pos = end;
            continue;
        }
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) {
            throw std::logic_error("unclosed slot in template: " + std::string(text));
        }
        const auto name = text.substr(open + 1, close - open - 1);
        bool known = false;
        for (const auto& [slot_name, slot] : kSlotNames) {
            if (slot_name == name) {
                pieces.push_back({slot, {}});
                known = true;
            }
        }
        if (!known) throw std::logic_error("unknown slot {" + std::string(name) + "}");
        pos = close + 1;
    }
    return pieces;
}

const std::vector<SentenceTemplate>& lead_templates() {
    static const auto templates = compile_all({
        "{org} {vpast} {np} {day}, a move that {person} said would {vbase} {nps} across {place}.",
        "{nps} in {place} {vpast} {np} {day} after weeks of debate over {phrase}.",
        "{person} {vpast} {np} {day}, raising fresh questions about {phrase} in {place}.",
        "The {adj} {noun} {vpast} {nps} in {place} {day}, {org} said.",
        "{a_adj} {noun} over {phrase} {vpast} {np} {day}, as {nps} in {place} braced for more.",
        "{org} {adv} {vpast} {np} {day}, ending months of uncertainty over {phrase}.",
    });
    return templates;
}

const std::vector<SentenceTemplate>& body_templates() {
    static const auto templates = compile_all({
        "{person} said {day} that {np} would {vbase} {np}{tail}.",
        "The {adj} {noun} {vpast} {nps}{tail}, according to {org}.",
        "“{quote},” {name} said.",
        "“{quote},” said {person}.",
        "Officials in {place} {vpast} {np} {day} amid growing concern about {phrase}.",
        "The decision comes as {nps} in {place} face mounting pressure over {phrase}.",
        "{org} {adv} {vpast} {np} last year, but {nps} {vpast} {np}{tail}.",
        "According to {org}, {num} {nouns} were {vpast}{tail} {when}.",
        "{num} {nouns} were {vpast} in {place} {day}, {org} said.",
        "The debate over {phrase} has become {a_adj} issue for {nps} across the region.",
        "Critics say {np} could {vbase} {nps} and {vbase} {np}.",
        "The {noun} is expected to {vbase} {np} by {month}.",
        "In a statement, {org} said it had {vpast} {np} and would {vbase} {nps} {when}.",
        "{person} {vpast} the {noun} as {adj}, saying it would {vbase} {nps}{tail}.",
        "Figures released {day} showed that complaints about {phrase} had risen by {pct} over the past year.",
        "Prices fell {pct} in {month}, the sharpest drop since {year}, according to {org}.",
        "The {adj} {noun} will cost about {money}, officials estimated.",
        "Residents of {place} said they had not been told about {np} until {weekday}.",
        "It was not immediately clear whether {np} would {vbase} {np}.",
        "{org} did not respond to a request for comment on {phrase}.",
        "The {noun} was first {vpast} in {year}, when {nps} {vpast} {np}.",
        "{name} added that {nps} had {adv} {vpast} {np}{tail}.",
        "Talks on {phrase} are set to resume on {weekday}, {name} said.",
        "A spokeswoman for {org} said the {noun} had been {vpast}{tail}.",
        "A spokesman for {company} said the company had {vpast} {np} and was reviewing {nps}.",
        "Many {nouns} in {place} have {vpast} {nps} since the {adj} {noun} in {month}.",
        "The move follows months of debate over {phrase} and {phrase}.",
        "Supporters argue that {np} will {vbase} {nps}, while opponents warn of {adj} {nouns}.",
        "The {noun} in {place} drew {num} {nouns}, more than {nps} had expected.",
        "{person} told reporters that {phrase} remained {a_adj} concern for {nps}.",
        "Earlier on {weekday}, {org} {vpast} {np} after {np}{tail}.",
        "More than {num} {nouns} have {vpast} {np} so far this year, according to {org}.",
        "The {adj} report, published {day}, {vpast} {nps} over {phrase}.",
        "{name}, who {vpast} {np} in {year}, said the {noun} had {adv} {vpast} {np}.",
        "Under the plan, {nps} would {vbase} {np} and {vbase} {nps} {when}.",
        "The announcement {vpast} {np} in {place}, where concern about {phrase} has run high for years.",
        "Questions remain about how {org} will {vbase} {np} {when}.",
        "The {noun} has {vpast} {num} {nouns} since it {vpast} {np} in {year}.",
        "Asked whether {np} would {vbase} {nps}, {name} said the matter was still under review.",
        "{company} {vpast} {np} worth {money} in {month}, its {adj} deal in years.",
        "The {adj} {noun} came after {nps} {vpast} {np} over {phrase}.",
        "Analysts said concern over {phrase} could {vbase} {np} {when}.",
        "In {place}, {nps} {vpast} {np} and called on {org} to {vbase} {nps}.",
        "The {noun} had {vpast} {pct} of {nps} by {month}, {org} said.",
        "{person} declined to say whether {org} would {vbase} {np}.",
        "{nps} who {vpast} {np} said they felt {mood} about {phrase}.",
        "The {noun} is the first of its kind in {place} since {year}.",
        "{a_adj} review of {phrase} found that {nps} had {vpast} {np}{tail}.",
        "Officials said {num} {nouns} and {num} {nouns} were {vpast} {day}.",
        "{org} said it expected to {vbase} {np} {when}, pending a review of {phrase}.",
    });
    return templates;
}

const std::vector<SentenceTemplate>& quote_templates() {
    static const auto templates = compile_all({
        "We will {vbase} {np} {when}",
        "This is {np} for {nps} in {place}",
        "Nobody wants to see {nps} {vbase} {np}",
        "The {nouns} deserve {adj} answers about {phrase}",
        "It is too early to say whether {np} will {vbase} {nps}",
        "People here are {mood} about {phrase}, and they have every right to be",
        "We have {vpast} {np}, and we are not going to stop",
        "There is no {adj} fix for {phrase}",
        "Everyone in {place} knows what {phrase} cost us",
        "Our priority is to {vbase} {nps} as quickly as we can",
    });
    return templates;
}

const std::vector<SentenceTemplate>& headline_templates() {
    static const auto templates = compile_all({
        "{org} {vpres} {bare_np} in {place}",
        "{place} {nouns} {vbase} {bare_np} over {phrase}",
        "{phrase} row: {org} {vpres} {bare_np}",
        "{name} {vpres} {bare_np} amid {phrase} concerns",
        "{num} {nouns} {vpast} as {place} {noun} {vpres} {bare_np}",
        "{company} {vpres} {bare_np} as {phrase} concerns grow",
        "What {place}'s {bare_np} means for {phrase}",
        "{org} {vpres} {adj} {noun} after {phrase} row",
    });
    return templates;
}

const std::vector<SentenceTemplate>& tail_templates() {
    static const auto templates = compile_all({
        "", "", "", " in {place}", " for {nps}", " after {np}", " despite concerns about {phrase}",
        " amid {phrase}", " {when}", " before {month}",
    });
    return templates;
}

const std::vector<SentenceTemplate>& insertion_templates() {
    static const auto templates = compile_all({
        ", officials said", ", {org} said", " {when}", " in {place}", ", according to {org}",
        " on {weekday}", ", {name} said", ", people familiar with the matter said",
    });
    return templates;
}

}  // namespace newsgen
