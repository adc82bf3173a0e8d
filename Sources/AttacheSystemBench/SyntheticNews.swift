import AttacheContracts
import Foundation

/// Deterministic synthetic news about diplomacy and defence: realistic length and vocabulary,
/// many distinct (invented) actors and states. Not a test fixture: benchmark input.
struct SyntheticNews {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed | 1 }

    mutating func next() -> UInt64 {
        self.state ^= self.state << 13
        self.state ^= self.state >> 7
        self.state ^= self.state << 17
        return self.state
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(self.next() % UInt64(items.count))] }

    static let states = [
        ("Kenya", "Kenyan"), ("Ethiopia", "Ethiopian"), ("Ghana", "Ghanaian"), ("Nigeria", "Nigerian"), ("Peru", "Peruvian"),
        ("Chile", "Chilean"), ("Brazil", "Brazilian"), ("Argentina", "Argentine"), ("Norway", "Norwegian"),
        ("Finland", "Finnish"), ("Poland", "Polish"), ("Romania", "Romanian"), ("Japan", "Japanese"), ("Mongolia", "Mongolian"),
        ("Vietnam", "Vietnamese"), ("Laos", "Lao"), ("Cambodia", "Cambodian"), ("Thailand", "Thai"), ("Indonesia", "Indonesian"),
        ("India", "Indian"), ("Pakistan", "Pakistani"), ("Egypt", "Egyptian"), ("Morocco", "Moroccan"), ("Turkey", "Turkish"),
        ("Greece", "Greek"), ("Canada", "Canadian"), ("Mexico", "Mexican"), ("Australia", "Australian"), ("Kazakhstan", "Kazakh"),
        ("Uzbekistan", "Uzbek"), ("Senegal", "Senegalese"), ("Tanzania", "Tanzanian"),
    ]
    static let given = ["Amara", "Kofi", "Lina", "Tomas", "Sven", "Aiko", "Ravi", "Nadia", "Omar", "Elena", "Bao", "Chen", "Iker", "Zanele", "Mateus", "Leila", "Dmitri", "Ingrid", "Kwame", "Sora"]
    static let family = ["Okonkwo", "Haile", "Mensah", "Quispe", "Varga", "Lindqvist", "Tanaka", "Batbayar", "Nguyen", "Phommachanh", "Sok", "Suriya", "Pratama", "Sharma", "Qureshi", "Farouk", "Alaoui", "Demir", "Papadakis", "Tremblay", "Ortega", "Mitchell", "Nurlanov", "Karimov", "Diop", "Mwakyusa"]
    static let titles = ["Defence Minister", "Foreign Minister", "Deputy Defence Minister", "Chief of General Staff", "Ambassador", "Prime Minister", "Interior Minister", "Navy Commander"]
    static let ranks = ["General", "Lieutenant General", "Major General", "Senior Colonel", "Rear Admiral", "Air Chief Marshal", ""]
    static let acts = [
        "held talks with", "signed a memorandum of understanding on maritime security with", "agreed to expand joint exercises with",
        "handed over five patrol boats to", "pledged further training support to", "praised the cooperation of",
        "expressed concern over the troop movements of", "condemned the detention of fishermen by", "met a delegation from",
        "invited the defence minister of",
    ]
    static let filler = [
        "The two sides reviewed the implementation of previous agreements and discussed regional security.",
        "Officials said the meeting took place in a cordial atmosphere, according to a statement released after the talks.",
        "Analysts noted that bilateral trade has grown steadily over the past decade, reaching about $4 billion last year.",
        "The delegation also visited a naval academy and a peacekeeping training centre on the outskirts of the capital.",
        "Both ministers stressed the importance of dialogue, transparency and respect for international law.",
        "The visit comes ahead of a regional summit scheduled for later this year.",
    ]

    /// A document of about `sentences` sentences (4–5 KB at 24).
    mutating func document(_ n: Int, sentences: Int = 24) -> DocumentInput {
        let (a, aAdj) = self.pick(Self.states)
        var (b, _) = self.pick(Self.states)
        if b == a { b = Self.states[(Self.states.firstIndex { $0.0 == a }! + 1) % Self.states.count].0 }
        let day = 1 + Int(self.next() % 28), month = 1 + Int(self.next() % 12), year = 2020 + Int(self.next() % 5)
        var text = String(format: "date %04d-%02d-%02d\n", year, month, day)
        text += "\(a.uppercased()) — "
        for i in 0..<sentences {
            if i % 3 == 2 {
                text += self.pick(Self.filler) + " "
                continue
            }
            let rank = self.pick(Self.ranks)
            let person = "\(self.pick(Self.given)) \(self.pick(Self.family))"
            let title = self.pick(Self.titles)
            let who = rank.isEmpty ? "\(aAdj) \(title) \(person)" : "\(rank) \(person), \(aAdj) \(title),"
            text += "\(who) \(self.pick(Self.acts)) \(b) on \(self.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])) (item \(n)-\(i)). "
        }
        return DocumentInput(id: "synthetic-\(n).txt", text: text)
    }
}
