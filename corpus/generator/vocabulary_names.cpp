// Proper names: people, places and companies. All invented or common enough
// to belong to nobody; the mix of origins matches a general news desk.
#include "corpus/generator/vocabulary.h"

namespace newsgen {

std::vector<std::string_view> first_names() {
    return {
        "Maria", "James", "Anna", "David", "Sarah", "Michael", "Laura", "John", "Elena",
        "Daniel", "Fatima", "Robert", "Emily", "Ahmed", "Julia", "Thomas", "Grace", "Carlos",
        "Priya", "Peter", "Hannah", "Samuel", "Olivia", "Kwame", "Sofia", "Mark", "Rachel",
        "Luis", "Chloe", "Paul", "Aisha", "Richard", "Nadia", "Andrew", "Yuki", "Martin",
        "Claire", "Omar", "Helen", "Jorge", "Rebecca", "Ivan", "Amara", "Stephen", "Leila",
        "Patrick", "Ingrid", "Victor", "Mei", "George", "Lucia", "Tariq", "Alice", "Simon",
        "Beatriz", "Kenji", "Natalie", "Hugo", "Zara", "Edward", "Camille", "Rajesh", "Irene",
        "Felix", "Marta", "Dmitri", "Ruth", "Oscar", "Ngozi", "Brian", "Esther", "Mateo",
        "Lena", "Gareth", "Ayesha", "Colin", "Sienna", "Rafael", "Joanna", "Tobias", "Wanjiru",
        "Declan", "Mirela", "Arjun", "Freya", "Kofi", "Isabel", "Lars", "Ama", "Bernard",
        "Teresa", "Hamid", "Vera", "Callum", "Shirin", "Nikolai", "Bridget", "Emeka",
        "Valentina", "Rhys", "Ines", "Jakub", "Marisol", "Anders", "Keiko", "Reuben", "Tamsin",
        "Obinna", "Greta", "Silvio", "Eilidh", "Farid", "Henrietta", "Ciaran", "Lucinda",
    };
}

std::vector<std::string_view> surnames() {
    return {
        "Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Martinez", "Okafor", "Miller",
        "Rossi", "Patel", "Davis", "Kowalski", "Wilson", "Haddad", "Anderson", "Schmidt",
        "Taylor", "Lopez", "Thomas", "Mensah", "Moore", "Tanaka", "Jackson", "Silva", "White",
        "Ivanova", "Harris", "Kim", "Clark", "Dubois", "Lewis", "Santos", "Walker", "Hassan",
        "Hall", "Novak", "Allen", "Chen", "Young", "Murphy", "King", "Fernandez", "Wright",
        "Okonkwo", "Scott", "Jensen", "Green", "Rahman", "Baker", "Costa", "Adams", "Yamamoto",
        "Nelson", "Ortiz", "Hill", "Petrov", "Campbell", "Kelly", "Mitchell", "Ali", "Roberts",
        "Larsen", "Carter", "Moreno", "Phillips", "Sato", "Evans", "Mwangi", "Turner", "Weber",
        "Torres", "Horvat", "Parker", "Ramos", "Collins", "Byrne", "Edwards", "Lindqvist",
        "Stewart", "Castillo", "Morris", "Owusu", "Rogers", "Becker", "Reed", "Nakamura",
        "Cook", "Morales", "Morgan", "Bianchi", "Bell", "Kaur", "Cooper", "Fischer",
        "Richardson", "Duarte", "Cox", "Abubakar", "Howard", "Lindgren", "Ward", "Herrera",
        "Peterson", "Moretti", "Gray", "Achebe", "James", "Vasquez", "Watson", "Hoffmann",
        "Brooks", "Aguilar", "Sanders", "Pereira", "Price", "Sorensen", "Bennett", "Nowak",
        "Wood", "Mendoza", "Barnes", "Kariuki", "Ross", "Lambert", "Henderson", "Galvez",
        "Coleman", "Varga", "Jenkins", "Quinlan", "Perry", "Ferrante", "Powell", "Adeyemi",
        "Long", "Szabo", "Patterson", "Delacroix", "Hughes", "Oyelaran", "Flores", "Strand",
        "Washington", "Marchetti", "Butler", "Haugen", "Simmons", "Koenig", "Foster",
        "Villanueva", "Gonzales", "Abernathy", "Bryant", "Castellanos", "Alexander", "Wexler",
    };
}

std::vector<std::string_view> places() {
    return {
        "Riverside", "Millbrook", "Eastport", "Northgate", "Westfield", "Oakridge",
        "Fairhaven", "Brookdale", "Lakeside", "Harborview", "Cedar Falls", "Pinecrest",
        "Stonebridge", "Ashford", "Kingsmere", "Marlow Bay", "Redwater", "Elmstead",
        "Greyhaven", "Silverton", "Thornbury", "Wrenfield", "Alder Creek", "Bramblewood",
        "Coldwater", "Dunmore", "Foxhollow", "Glenrock", "Hollins", "Ironvale", "Juniper Hill",
        "Kestrel Point", "Larkspur", "Maple Grove", "Newhaven", "Orchard Park", "Port Elwin",
        "Quarry Heights", "Rosedale", "Saltmarsh", "Tidewater", "Upton Vale", "Vantage",
        "Willowby", "Yarrow", "Geneva", "Brussels", "Nairobi", "Lima", "Oslo", "Manila",
        "Warsaw", "Cairo", "Jakarta", "Bogota", "Hanoi", "Accra", "Lisbon", "Montreal",
        "Osaka", "Santiago", "Dublin", "Vienna", "Dakar", "Tbilisi", "Helsinki", "Quito",
    };
}

std::vector<std::string_view> companies() {
    return {
        "Corvane Energy", "Halden Logistics", "Brightwater Holdings", "Norcastle Bank",
        "Sablewood Group", "Veridian Health", "Kestrel Airlines", "Ashgrove Foods",
        "Tallis Motors", "Meridian Rail", "Orison Telecom", "Quillon Pharmaceuticals",
        "Redfern Construction", "Lumen Grid", "Parrish Steel", "Blue Heron Insurance",
        "Calloway Media", "Driftwood Software", "Everline Retail", "Fennick Mining",
        "Goldcrest Capital", "Harrow Shipping", "Ingleby Chemicals", "Jasper Robotics",
        "Kilbride Water", "Lodestar Aerospace", "Marrow & Finch", "Nettlefield Farms",
        "Oakhurst Properties", "Pembrook Textiles",
    };
}

}  // namespace newsgen
