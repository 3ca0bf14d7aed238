// News topics: the section a story runs in, the phrases it keeps returning
// to, its own nouns, and the institutions it quotes. Topics are listed from
// most to least covered.
#include "corpus/generator/vocabulary.h"

namespace newsgen {

namespace {

Topic topic(std::string_view section, std::vector<std::string_view> phrases,
            std::vector<std::string_view> nouns, std::vector<std::string_view> organisations) {
    return Topic{section, WordList(std::move(phrases)), WordList(std::move(nouns)),
                 WordList(std::move(organisations))};
}

}  // namespace

std::vector<Topic> news_topics() {
    std::vector<Topic> topics;
    topics.push_back(topic(
        "politics",
        {"budget cuts", "voter turnout", "public spending", "tax cuts", "campaign finance",
         "election security", "party funding", "coalition talks", "electoral reform",
         "local democracy", "term limits", "lobbying rules"},
        {"lawmaker", "candidate", "ballot", "mandate", "legislature", "caucus", "referendum",
         "constituency", "amendment", "veto", "filibuster", "manifesto"},
        {"the city council", "the state legislature", "the election commission",
         "the finance committee", "the governor's office", "the opposition party"}));
    topics.push_back(topic(
        "business",
        {"interest rates", "inflation", "supply chains", "monetary policy", "consumer prices",
         "trade policy", "labor shortages", "the minimum wage", "housing costs",
         "quarterly earnings", "job cuts", "economic growth", "energy prices"},
        {"investor", "shareholder", "merger", "tariff", "dividend", "bond", "lender", "startup",
         "retailer", "exporter", "valuation", "recession"},
        {"the central bank", "the commerce department", "the competition authority",
         "the chamber of commerce", "the statistics office", "the workers' union"}));
    topics.push_back(topic(
        "world",
        {"civilian casualties", "ceasefire talks", "peace talks", "humanitarian aid",
         "border security", "refugee flows", "air strikes", "military aid", "prisoner exchanges",
         "arms sales", "sanctions relief", "food insecurity"},
        {"ceasefire", "convoy", "militia", "refugee", "sanction", "embassy", "treaty", "offensive",
         "checkpoint", "corridor", "envoy", "delegation"},
        {"the foreign ministry", "the defense ministry", "the International Relief Alliance",
         "the United Nations", "the regional security bloc", "the interior ministry"}));
    topics.push_back(topic(
        "climate",
        {"climate change", "carbon emissions", "renewable energy", "heat waves",
         "rising sea levels", "wildfire risk", "flood defenses", "extreme weather",
         "water shortages", "air pollution", "coastal erosion", "net zero targets"},
        {"emission", "heatwave", "wildfire", "drought", "glacier", "coastline", "reservoir",
         "turbine", "levee", "rainfall", "habitat", "wetland"},
        {"the national weather service", "the environment agency", "Citizens for Clean Water",
         "the regional water authority", "the energy regulator", "the coastal commission"}));
    topics.push_back(topic(
        "health",
        {"public health", "vaccination rates", "waiting lists", "mental health",
         "hospital capacity", "health care costs", "staff shortages", "drug prices",
         "care homes", "flu cases"},
        {"patient", "nurse", "vaccine", "clinic", "ward", "surgeon", "prescription", "virus",
         "symptom", "screening", "therapy", "ambulance"},
        {"the health ministry", "the county health department", "the nurses' union",
         "the hospital trust", "the medicines regulator", "Veridian Health"}));
    topics.push_back(topic(
        "local",
        {"police funding", "court delays", "road closures", "school budgets", "property taxes",
         "affordable housing", "library hours", "fire safety", "street lighting",
         "noise complaints", "parking fees", "knife crime"},
        {"officer", "detective", "suspect", "jury", "sheriff", "firefighter", "tenant", "zoning",
         "pothole", "crosswalk", "shelter", "council"},
        {"the county sheriff's office", "the planning commission", "the school board",
         "the fire department", "the district court", "the Tenants' Union"}));
    topics.push_back(topic(
        "technology",
        {"artificial intelligence", "data breaches", "social media", "online privacy",
         "electric vehicles", "chip shortages", "cloud computing", "online safety",
         "cyber attacks", "facial recognition"},
        {"algorithm", "chip", "app", "server", "hacker", "smartphone", "robot", "startup",
         "platform", "download", "subscriber", "encryption"},
        {"the data protection authority", "Orison Telecom", "Driftwood Software",
         "Jasper Robotics", "the digital ministry", "the consumer watchdog"}));
    topics.push_back(topic(
        "transport",
        {"rail strikes", "power outages", "traffic delays", "public transport", "bus services",
         "fuel prices", "airport expansion", "high-speed rail", "bike lanes", "road safety"},
        {"commuter", "timetable", "platform", "carriage", "runway", "toll", "tram", "ferry",
         "junction", "motorway", "signal", "depot"},
        {"the transport department", "Meridian Rail", "Kestrel Airlines", "the port authority",
         "the rail workers' union", "the highways agency"}));
    topics.push_back(topic(
        "sport",
        {"ticket prices", "transfer fees", "player welfare", "match fixing", "stadium safety",
         "youth football", "doping controls", "head injuries", "broadcast rights"},
        {"striker", "midfielder", "goalkeeper", "referee", "coach", "fixture", "trophy", "derby",
         "playoff", "stadium", "medal", "captain"},
        {"the football association", "the league", "the national Olympic committee",
         "the players' union", "the sports ministry", "the anti-doping agency"}));
    topics.push_back(topic(
        "science",
        {"space exploration", "research funding", "clinical trials", "gene therapy",
         "particle physics", "deep sea mining", "ancient DNA", "antibiotic resistance"},
        {"telescope", "probe", "specimen", "genome", "crater", "orbit", "laboratory", "molecule",
         "fossil", "asteroid", "microbe", "reactor"},
        {"the national science foundation", "the space agency", "the natural history museum",
         "the university's physics department", "the research council", "Lodestar Aerospace"}));
    topics.push_back(topic(
        "culture",
        {"box office receipts", "arts funding", "streaming services", "heritage sites",
         "film festivals", "music venues", "book sales", "museum attendance"},
        {"gallery", "novelist", "orchestra", "premiere", "curator", "sculpture", "album",
         "playwright", "choir", "documentary", "exhibition", "theater"},
        {"the arts council", "the national theater", "Calloway Media", "the heritage trust",
         "the city museum", "the film institute"}));
    topics.push_back(topic(
        "education",
        {"tuition fees", "exam results", "teacher shortages", "school meals",
         "student loans", "class sizes", "school funding", "student mental health"},
        {"pupil", "classroom", "curriculum", "headteacher", "scholarship", "campus", "lecturer",
         "graduate", "semester", "diploma", "tutor", "kindergarten"},
        {"the education department", "the teachers' union", "the school board",
         "the university senate", "the exams regulator", "the student union"}));
    return topics;
}

}  // namespace newsgen
