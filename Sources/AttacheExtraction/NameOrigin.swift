#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of a story's states a person's name most likely comes from, when the text itself does not say: naive Bayes
/// over how often each state's office-holders' names (the public Phoenix leader lists, `PublicNameOrigins`) contain
/// the name's words and letter sequences. "Kavindu Wickramaratne" reads as Sri Lankan, "Christos Anagnostakis" as
/// Greek; between Sri Lanka and Bangladesh, or Greece and Turkey, the name usually tells.
///
/// It only ranks the states the story names, and answers only when the best is ahead of the next by `margin` (mean
/// log-likelihood per feature). Measured on the annotated tuning sets' persons (a person's gold state among the
/// story's states): 81% right overall, 97% where the margin is at least 1.0 (about half of the persons).
struct NameOrigin: Sendable {
    /// The states in the table, indexed.
    let states: [String]
    let index: [String: Int]
    /// log(total features of state i + smoothing × vocabulary): the denominator of every probability of state i.
    let logDenominators: [Double]
    /// Feature → (state index, count) for the states that have it at least twice.
    let counts: [String: [(state: Int32, count: Int32)]]

    static let smoothing = 0.1

    static let shared = NameOrigin(totals: PublicNameOrigins.totals, features: PublicNameOrigins.features)

    init(totals: String, features: String) {
        var states = [String]()
        var index = [String: Int]()
        var totalCounts = [Double]()
        for item in totals.split(separator: ",") where item.utf8.count > 2 {
            let code = String(item.prefix(2))
            index[code] = states.count
            states.append(code)
            totalCounts.append(Double(item.dropFirst(2)) ?? 0)
        }
        var counts = [String: [(state: Int32, count: Int32)]](minimumCapacity: 32_768)
        for line in features.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            guard let bar = trimmed.lastIndex(of: "|") else { continue }
            var entries = [(state: Int32, count: Int32)]()
            for item in trimmed[trimmed.index(after: bar)...].split(separator: ",") where item.utf8.count > 2 {
                guard let si = index[String(item.prefix(2))], let n = Int32(item.dropFirst(2)) else { continue }
                entries.append((Int32(si), n))
            }
            counts[String(trimmed[..<bar])] = entries
        }
        let vocabulary = Double(counts.count)
        self.states = states
        self.index = index
        self.logDenominators = totalCounts.map { log($0 + NameOrigin.smoothing * vocabulary) }
        self.counts = counts
    }

    /// The features of a name: each word of letters (folded to ASCII lower case) as `w:word`, and each three- and
    /// four-letter sequence of a word with `^` and `$` at its edges.
    static func features(of name: String) -> [String] {
        var out = [String]()
        for word in Fold.normalize(name).split(whereSeparator: { !($0.isASCII && $0.isLetter) }) {
            out.append("w:" + word)
            let w = Array(("^" + word + "$").utf8)
            for n in 3...4 where w.count >= n {
                for i in 0...(w.count - n) { out.append(String(decoding: w[i..<(i + n)], as: UTF8.self)) }
            }
        }
        return out
    }

    /// The state among `candidates` the name most likely comes from, if it leads the next by `margin`; nil when fewer
    /// than two candidates are in the table or none leads clearly.
    func likelyState(of name: String, among candidates: [String], margin: Double = 1.0) -> String? {
        var known = [Int]()
        for c in candidates { if let i = index[c], !known.contains(i) { known.append(i) } }
        guard known.count >= 2 else { return nil }
        let features = NameOrigin.features(of: name)
        guard !features.isEmpty else { return nil }
        var scores = [Double](repeating: 0, count: known.count)
        for f in features {
            let entries = counts[f] ?? []
            for (k, si) in known.enumerated() {
                let n = entries.first(where: { Int($0.state) == si }).map { Double($0.count) } ?? 0
                scores[k] += log(n + NameOrigin.smoothing) - logDenominators[si]
            }
        }
        let per = Double(features.count)
        var best = 0
        for k in scores.indices where scores[k] > scores[best] { best = k }
        var second = -Double.infinity
        for k in scores.indices where k != best { second = max(second, scores[k]) }
        return (scores[best] - second) / per >= margin ? states[known[best]] : nil
    }
}

