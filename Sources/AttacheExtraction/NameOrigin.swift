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
        // (read as bytes: splitting 22,000 lines by characters cost a fifth of a second at the first use)
        var counts = [String: [(state: Int32, count: Int32)]](minimumCapacity: 32_768)
        var text = features
        text.withUTF8 { b in
            var k = 0
            while k < b.count {
                var e = k
                while e < b.count && b[e] != UInt8(ascii: "\n") { e += 1 }
                // a line: "    feature|XX12,YY3"
                var s = k
                while s < e && b[s] == UInt8(ascii: " ") { s += 1 }
                var bar = e
                while bar > s && b[bar - 1] != UInt8(ascii: "|") { bar -= 1 }
                if bar > s {
                    let key = String(decoding: UnsafeBufferPointer(rebasing: b[s..<(bar - 1)]), as: UTF8.self)
                    var entries = [(state: Int32, count: Int32)]()
                    var q = bar
                    while q + 2 < e {
                        let code = String(decoding: UnsafeBufferPointer(rebasing: b[q..<(q + 2)]), as: UTF8.self)
                        var n: Int32 = 0
                        var d = q + 2
                        while d < e && b[d] >= UInt8(ascii: "0") && b[d] <= UInt8(ascii: "9") {
                            n = n * 10 + Int32(b[d] - UInt8(ascii: "0"))
                            d += 1
                        }
                        if let si = index[code] { entries.append((Int32(si), n)) }
                        q = d + 1  // past the comma
                    }
                    counts[key] = entries
                }
                k = e + 1
            }
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
        leader(of: name, among: candidates).flatMap { $0.lead >= margin ? $0.state : nil }
    }

    /// The state among `candidates` the name most likely comes from and its lead over the next (mean log-likelihood
    /// per feature); nil when fewer than two candidates are in the table or the name has no feature.
    func leader(of name: String, among candidates: [String]) -> (state: String, lead: Double)? {
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
        return (states[known[best]], (scores[best] - second) / per)
    }
}

