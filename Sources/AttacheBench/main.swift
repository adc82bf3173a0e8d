import AttacheContracts
import AttacheExtraction
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// attache-bench: extraction without the network stack.
//   attache-bench digest [--explain] FILE...     one ScoringDigest JSON line per file
//   attache-bench extract [--seconds N] [FILES…]  throughput (MB/s, docs/s) on seeds + synthetic news
//   attache-bench synthetic DIR                   writes the benchmark's synthetic documents (to diff digests)

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: attache-bench digest [--explain] [--full] FILE...
               attache-bench extract [--seconds N] [--files-only] [FILE...]
               attache-bench synthetic DIR

        """.utf8))
    exit(2)
}

func readText(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

func digestCommand(_ args: [String]) -> Int32 {
    var explain = false
    var full = false
    var files = [String]()
    for a in args {
        switch a {
        case "--explain": explain = true
        case "--full": full = true
        default: files.append(a)
        }
    }
    if files.isEmpty { usage() }
    let extractor = Extractor()
    let encoder = JSONEncoder()
    var status: Int32 = 0
    for path in files {
        guard let text = readText(path) else {
            FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
            status = 1
            continue
        }
        let name = (path as NSString).lastPathComponent
        if explain {
            let (digest, roles) = extractor.explainedDigest(DocumentInput(id: name, text: text))
            print("# \(name): \(digest.persons.count) persons, \(digest.organizations.count) organizations, \(digest.countries.map(\.code)), \(digest.events.count) events")
            for (k, e) in digest.events.enumerated() {
                let s = digest.sentences[e.sentence].text
                print("  \(e.type)\(e.mode.map { "/" + $0 } ?? "") \(e.source ?? "-") -> \(e.target ?? "-") date \(e.date ?? "-") conf \(String(format: "%.2f", e.confidence))")
                print("    trigger: \"\(e.triggerText)\" [\(e.trigger.start)..<\(e.trigger.end)]\(e.actorText.map { "  actor: \"\($0)\"" } ?? "")")
                print("    sentence \(e.sentence): \(s)")
                if k < roles.count { print("    decided by: \(roles[k])") }
                for p in e.actors { print("    actor: \(Participant.describe(p))") }
                for p in e.recipients { print("    recipient: \(Participant.describe(p))") }
            }
            for p in digest.persons {
                print("  person \(p.name) aliases \(p.aliases) country \(p.country ?? "-") rank \(p.rank ?? "-") roles \(p.roles) sector \(p.sector ?? "-")")
            }
            for o in digest.organizations {
                print("  org \(o.name) aliases \(o.aliases) country \(o.country ?? "-") sector \(o.sector ?? "-")")
            }
            continue
        }
        let digest = extractor.digest(DocumentInput(id: name, text: text))
        let data: Data
        if full {
            data = (try? encoder.encode(digest)) ?? Data()
        } else {
            data = (try? encoder.encode(ScoringDigest(digest))) ?? Data()
        }
        print(String(decoding: data, as: UTF8.self))
    }
    return status
}

/// Synthetic news text from a realistic defence/diplomacy vocabulary (deterministic).
func syntheticCorpus(documents: Int) -> [String] {
    var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
        rng ^= rng << 13
        rng ^= rng >> 7
        rng ^= rng << 17
        return Int(rng % UInt64(n))
    }
    let states = ["Vietnam", "Laos", "Cambodia", "Thailand", "India", "Japan", "France", "Germany", "Brazil", "Kenya", "Egypt", "Indonesia", "Australia", "Poland", "Turkey"]
    let adjs = ["Vietnamese", "Lao", "Cambodian", "Thai", "Indian", "Japanese", "French", "German", "Brazilian", "Kenyan", "Egyptian", "Indonesian", "Australian", "Polish", "Turkish"]
    let ranks = ["General", "Lieutenant General", "Senior Colonel", "Rear Admiral", "Maj. Gen.", "Lt. Gen.", "Colonel", "Air Chief Marshal"]
    let titles = ["Defence Minister", "Deputy Defense Minister", "Foreign Minister", "Chief of General Staff", "Prime Minister", "Ambassador"]
    let given = ["Nguyen", "Tran", "Somsak", "Rajesh", "Hiroshi", "Pierre", "Klaus", "Joao", "David", "Ahmed", "Budi", "James", "Piotr", "Mehmet"]
    let family = ["Van Thanh", "Minh Duc", "Chanthavong", "Kumar", "Tanaka", "Dubois", "Schmidt", "Silva", "Otieno", "Hassan", "Santoso", "Wilson", "Nowak", "Yilmaz"]
    let verbs = [
        "held talks with", "met", "praised", "signed a memorandum of understanding with", "agreed to enhance cooperation with",
        "delivered 12 armored vehicles to", "called on", "condemned", "expelled a diplomat of", "deployed troops near the border with",
    ]
    let fillers = [
        "The two sides reviewed bilateral defence cooperation and discussed regional security issues of mutual concern.",
        "Officials said the visit would contribute to consolidating the friendship between the two militaries.",
        "The ministry said in a statement on Monday that around 30 activities had been organised this year.",
        "Analysts said the relationship had grown steadily since the two countries signed a strategic partnership.",
        "According to the ministry, the delegation also visited a training centre and a naval base.",
        "The talks covered maritime security, training, search and rescue, and the exchange of young officers.",
        "Both delegations attended a reception in the evening, where music and dance performances were staged.",
        "Trade between the two economies reached $8.4 billion last year, up 6 percent from the year before.",
        "The agreement is expected to be reviewed by parliament before the end of the year, officials said.",
        "Earlier in the day, the visiting officers toured a military museum and laid a wreath at a memorial.",
    ]
    var docs = [String]()
    for d in 0..<documents {
        var s = "date 2024-0\(1 + d % 9)-1\(d % 10)\n\n"
        for _ in 0..<(8 + next(8)) {
            let a = next(states.count)
            var b = next(states.count)
            if b == a { b = (a + 1) % states.count }
            let name = given[next(given.count)] + " " + family[next(family.count)]
            // about half of the sentences of real reports name no actor at all
            switch next(7) {
            case 0:
                s += "\(adjs[a]) \(titles[next(titles.count)]) \(ranks[next(ranks.count)]) \(name) \(verbs[next(verbs.count)]) his \(adjs[b]) counterpart in \(states[b]) on Tuesday. "
            case 1:
                s += "\(states[a]) \(verbs[next(verbs.count)]) \(states[b]) on September \(1 + next(28)), 2024, the \(adjs[a]) Ministry of National Defence (MND) said. "
            case 2:
                s += "\(name), the \(adjs[a]) \(titles[next(titles.count)]), said the two countries would continue to coordinate closely at ASEAN and UN forums. "
            default:
                s += fillers[next(fillers.count)] + " "
            }
            if next(3) == 0 { s += "\n\n" }
        }
        docs.append(s)
    }
    return docs
}

/// CPU time of this thread in seconds (the benchmark runs on one core; other processes do not count).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func extractCommand(_ args: [String]) -> Int32 {
    var seconds = 5.0
    var filesOnly = false
    var files = [String]()
    var i = 0
    while i < args.count {
        if args[i] == "--files-only" {
            filesOnly = true
            i += 1
            continue
        }
        if args[i] == "--seconds", i + 1 < args.count, let v = Double(args[i + 1]) {
            seconds = v
            i += 2
            continue
        }
        files.append(args[i])
        i += 1
    }
    if files.isEmpty {
        // the seeds beside the package, when run from the repository
        for f in ["seeds/000_7633c3f53b9a73ab.txt", "seeds/004_ab2700ab582e3f15.txt"] where FileManager.default.fileExists(atPath: f) {
            files.append(f)
        }
    }
    var docs = files.compactMap(readText)
    let seedCount = docs.count
    let synthetic = filesOnly ? 0 : 200
    docs.append(contentsOf: syntheticCorpus(documents: synthetic))
    let inputs = docs.enumerated().map { DocumentInput(id: "doc\($0.offset)", text: $0.element) }
    let totalBytes = docs.reduce(0) { $0 + $1.utf8.count }
    let start = Date()
    let extractor = Extractor()  // includes the one-time gazetteer load
    let warm = Date().timeIntervalSince(start)
    var bytes = 0
    var count = 0
    var checksum = 0
    let t0 = Date()
    let cpu0 = threadCPUSeconds()
    var elapsed = 0.0
    repeat {
        for input in inputs {
            let d = extractor.digest(input)
            checksum &+= d.persons.count &+ d.events.count &+ d.organizations.count
            bytes += input.text.utf8.count
            count += 1
        }
        elapsed = Date().timeIntervalSince(t0)
    } while elapsed < seconds
    let cpu = threadCPUSeconds() - cpu0
    let mb = Double(bytes) / 1_000_000
    print("corpus: \(seedCount) file(s) + \(synthetic) synthetic documents, \(totalBytes) bytes per pass")
    print("gazetteer load: \(String(format: "%.3f", warm)) s")
    print(String(format: "extracted %d documents, %.1f MB in %.2f s wall: %.2f MB/s, %.0f docs/s (checksum %d)", count, mb, elapsed, mb / elapsed, Double(count) / elapsed, checksum))
    print(String(format: "one core, CPU time %.2f s: %.2f MB/s, %.0f docs/s", cpu, mb / cpu, Double(count) / cpu))
    return 0
}

let argv = Array(CommandLine.arguments.dropFirst())
guard let command = argv.first else { usage() }
switch command {
case "digest": exit(digestCommand(Array(argv.dropFirst())))
case "extract": exit(extractCommand(Array(argv.dropFirst())))
case "synthetic":
    guard argv.count == 2 else { usage() }
    for (i, doc) in syntheticCorpus(documents: 200).enumerated() {
        guard FileManager.default.createFile(atPath: argv[1] + "/doc\(i).txt", contents: Data(doc.utf8)) else { exit(1) }
    }
    exit(0)
default: usage()
}
