#include "corpus/generator/sentence_writer.h"

#include <array>

namespace newsgen {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWhen = {
    "by the end of the year", "next month", "within weeks", "later this year", "next year",
    "in the coming days", "before the summer"};
constexpr std::array<std::string_view, 9> kMoods = {
    "worried", "angry", "frustrated", "hopeful", "cautious", "skeptical", "optimistic",
    "relieved", "uneasy"};
constexpr std::array<std::string_view, 8> kRoles = {
    "a spokeswoman for ", "the director of ", "a senior official at ", "the head of ",
    "a spokesman for ", "an adviser to ", "the deputy chair of ", "a longtime critic of "};
constexpr std::array<std::string_view, 4> kPluralDeterminers = {"many ", "some ", "several ",
                                                                "the "};

std::string with_thousands(std::int64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// Fixes the seams left by appositives: "Maria Lopez, the head of X,." -> "...X."
void tidy_commas(std::string& text) {
    for (std::size_t pos = text.find(",."); pos != std::string::npos; pos = text.find(",.", pos)) {
        text.erase(pos, 1);
    }
    for (std::size_t pos = text.find(",,"); pos != std::string::npos; pos = text.find(",,", pos)) {
        text.erase(pos, 1);
    }
}

}  // namespace

void capitalise_first(std::string& text) {
    std::size_t i = 0;
    if (text.starts_with("“")) i = std::string_view("“").size();
    if (i < text.size() && text[i] >= 'a' && text[i] <= 'z') text[i] = static_cast<char>(text[i] - 32);
}

StoryCast cast_story(RandomStream& random) {
    const auto& words = vocabulary();
    StoryCast cast;
    cast.topic = &words.topic(random);
    cast.place = std::string(words.places.draw(random));
    cast.company = std::string(words.companies.draw(random));
    const auto people = random.between(2, 4);
    for (int i = 0; i < people; ++i) {
        Person person;
        person.surname = std::string(words.surnames.draw(random));
        person.full_name = std::string(words.first_names.draw(random)) + " " + person.surname;
        person.role = std::string(random.pick(kRoles)) +
                      std::string(cast.topic->organisations.draw(random));
        cast.people.push_back(std::move(person));
    }
    return cast;
}

std::string SentenceWriter::fill(const SentenceTemplate& pieces) {
    std::string out;
    out.reserve(160);
    for (const auto& piece : pieces) {
        if (piece.slot == Slot::kLiteral) {
            out += piece.literal;
        } else {
            append_slot(piece.slot, out);
        }
    }
    tidy_commas(out);
    return out;
}

std::string SentenceWriter::lead() {
    auto text = fill(random_.pick(lead_templates()));
    capitalise_first(text);
    return text;
}

std::string SentenceWriter::sentence() {
    auto text = fill(random_.pick(body_templates()));
    capitalise_first(text);
    return text;
}

std::string SentenceWriter::headline() {
    auto text = fill(random_.pick(headline_templates()));
    capitalise_first(text);
    return text;
}

std::string SentenceWriter::insertion() { return fill(random_.pick(insertion_templates())); }

std::string_view SentenceWriter::adjective() { return vocabulary().adjectives.draw(random_); }

std::string_view SentenceWriter::noun() {
    return random_.chance(0.35) ? cast_.topic->nouns.draw(random_)
                                : vocabulary().nouns.draw(random_);
}

std::string SentenceWriter::number() {
    if (random_.chance(0.6)) return std::to_string(random_.between(2, 60));
    if (random_.chance(0.75)) return std::to_string(random_.between(60, 999));
    return with_thousands(random_.between(1, 40) * 1000 + random_.between(0, 19) * 50);
}

void SentenceWriter::append_noun_phrase(std::string& out) {
    const bool adjective_first = random_.chance(0.45);
    const auto head = adjective_first ? adjective() : noun();
    if (random_.chance(0.6)) {
        out += "the ";
    } else {
        out += indefinite_article(head);
        out += ' ';
    }
    out += head;
    if (adjective_first) {
        out += ' ';
        out += noun();
    }
}

void SentenceWriter::append_plural_phrase(std::string& out) {
    if (random_.chance(0.4)) {
        out += adjective();
        out += ' ';
    } else if (random_.chance(0.15)) {
        out += number();
        out += ' ';
    } else {
        out += random_.pick(kPluralDeterminers);
    }
    out += plural(noun());
}

void SentenceWriter::append_person(std::string& out) {
    auto& person = cast_.people[random_.below(cast_.people.size())];
    if (person.introduced) {
        out += person.surname;
        return;
    }
    person.introduced = true;
    out += person.full_name;
    out += ", ";
    out += person.role;
    out += ',';
}

void SentenceWriter::append_slot(Slot slot, std::string& out) {
    const auto& words = vocabulary();
    switch (slot) {
        case Slot::kLiteral: break;
        case Slot::kPerson: append_person(out); break;
        case Slot::kName: out += cast_.people[random_.below(cast_.people.size())].surname; break;
        case Slot::kOrg:
            if (random_.chance(0.15)) {
                out += cast_.company;
            } else {
                out += cast_.topic->organisations.draw(random_);
            }
            break;
        case Slot::kCompany: out += cast_.company; break;
        case Slot::kPlace:
            out += random_.chance(0.8) ? std::string_view(cast_.place) : words.places.draw(random_);
            break;
        case Slot::kDay: {
            const auto day = words.weekdays.uniform(random_);
            switch (random_.below(6)) {
                case 0: out += "last week"; break;
                case 1: out += "earlier this month"; break;
                case 2: out += "late on "; out += day; break;
                case 3: out += "on "; out += day; out += " evening"; break;
                default: out += "on "; out += day; break;
            }
            break;
        }
        case Slot::kWhen: out += random_.pick(kWhen); break;
        case Slot::kNp: append_noun_phrase(out); break;
        case Slot::kNps: append_plural_phrase(out); break;
        case Slot::kBareNp:
            if (random_.chance(0.5)) {
                out += adjective();
                out += ' ';
            }
            out += noun();
            break;
        case Slot::kNoun: out += noun(); break;
        case Slot::kNouns: out += plural(noun()); break;
        case Slot::kAdj: out += adjective(); break;
        case Slot::kAdjWithArticle: {
            const auto word = adjective();
            out += indefinite_article(word);
            out += ' ';
            out += word;
            break;
        }
        case Slot::kAdv: out += words.adverbs.draw(random_); break;
        case Slot::kVerbPast: out += words.verb(random_).past; break;
        case Slot::kVerbBase: out += words.verb(random_).base; break;
        case Slot::kVerbPresent: out += third_person(words.verb(random_).base); break;
        case Slot::kPhrase: out += cast_.topic->phrases.draw(random_); break;
        case Slot::kNum: out += number(); break;
        case Slot::kPercent:
            out += std::to_string(random_.between(1, 30));
            if (random_.chance(0.5)) {
                out += '.';
                out += std::to_string(random_.between(1, 9));
            }
            out += " percent";
            break;
        case Slot::kMoney:
            out += '$';
            if (random_.chance(0.3)) {
                out += with_thousands(random_.between(20, 990) * 1000);
            } else {
                out += std::to_string(random_.between(1, 90));
                out += '.';
                out += std::to_string(random_.between(1, 9));
                out += random_.chance(0.8) ? " million" : " billion";
            }
            break;
        case Slot::kYear: out += std::to_string(random_.between(1985, 2023)); break;
        case Slot::kMonth: out += random_.pick(kMonths); break;
        case Slot::kWeekday: out += words.weekdays.uniform(random_); break;
        case Slot::kQuote: {
            auto quote = fill(random_.pick(quote_templates()));
            capitalise_first(quote);
            out += quote;
            break;
        }
        case Slot::kTail: out += fill(random_.pick(tail_templates())); break;
        case Slot::kMood: out += random_.pick(kMoods); break;
    }
}

}  // namespace newsgen
