// Sentence templates: fixed wording with {slots} the writer fills from the
// story's cast and the vocabulary. Templates are compiled once into pieces
// so filling one is a walk over a short vector.
#pragma once

#include <string_view>
#include <vector>

namespace newsgen {

enum class Slot {
    kLiteral,
    kPerson,    // a speaker: full name and role on first mention, surname after
    kName,      // surname of someone in the story
    kOrg,       // an institution of the story's topic ("the central bank")
    kCompany,   // a company name
    kPlace,     // the story's town, sometimes another
    kDay,       // "on Tuesday", "last week"
    kWhen,      // "by the end of the year", "next month"
    kNp,        // singular noun phrase with determiner: "the new budget"
    kNps,       // plural noun phrase: "local residents", "the 40 workers"
    kBareNp,    // headline noun phrase without determiner: "new budget"
    kNoun,
    kNouns,
    kAdj,
    kAdjWithArticle,  // "a new", "an urgent"
    kAdv,
    kVerbPast,
    kVerbBase,
    kVerbPresent,  // third person singular
    kPhrase,       // a topic phrase: "interest rates"
    kNum,
    kPercent,      // "4.5 percent"
    kMoney,        // "$3.2 million"
    kYear,
    kMonth,
    kWeekday,
    kQuote,        // a quoted clause, without the quotation marks
    kTail,         // an optional closing prepositional phrase, "" or " in Riverside"
    kMood,         // "worried", "hopeful"
};

struct TemplatePiece {
    Slot slot = Slot::kLiteral;
    std::string_view literal;  // for kLiteral
};

using SentenceTemplate = std::vector<TemplatePiece>;

// Compiles "{person} said {day} that ..." into pieces. An unknown slot name
// is a programming error and throws std::logic_error.
SentenceTemplate compile_template(std::string_view text);

// The template sets, compiled on first use.
const std::vector<SentenceTemplate>& body_templates();
const std::vector<SentenceTemplate>& lead_templates();
const std::vector<SentenceTemplate>& quote_templates();
const std::vector<SentenceTemplate>& headline_templates();
const std::vector<SentenceTemplate>& tail_templates();
// Short additions the edit model splices into an existing sentence before
// its final period: ", officials said", " on Tuesday".
const std::vector<SentenceTemplate>& insertion_templates();

}  // namespace newsgen
