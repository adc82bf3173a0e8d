import AttacheContracts
import AttacheExtraction
import AttacheInput
import ArgumentParser
import Foundation

extension Attache {
    struct DigestCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "digest",
            abstract: "Digest files in-process (no services) and print one digest per line.",
            discussion: "Reads the same inputs as `attache push`; a refused record is named on standard error (exit status 2). By default in the scoring shape of eval/GUIDELINES.md; --full adds provenance; --explain shows each event's sentence, trigger, actors and recipients.")

        @Flag(help: "Print the full digest with provenance, events' participants and sectors.") var full = false
        @Flag(help: "Explain each event: its sentence, the words that triggered it, its actors and recipients.") var explain = false
        @Argument(help: "Files (.txt, .json, .jsonl, .html), directories of them, or - for JSON lines on standard input.", completion: .file())
        var paths: [String]

        func run() async throws {
            let extractor = Extractor()
            let codec = LineCodec()
            var refused = 0
            for record in try DocumentFiles.load(self.paths) {
                guard let document = record.document else {
                    if let refusal = record.refusal {
                        // On standard error: standard output stays one digest per line.
                        FileHandle.standardError.write(Data("refused \(refusal.record): \(refusal.reason)\n".utf8))
                        refused += 1
                    }
                    continue
                }
                if self.explain {
                    let (digest, roles) = extractor.explainedDigest(document)
                    print(Self.explanation(digest, roles: roles))
                    continue
                }
                let digest = extractor.digest(document)
                if self.full {
                    print(String(decoding: try codec.encode(digest), as: UTF8.self))
                } else {
                    print(String(decoding: try codec.encode(ScoringDigest(digest)), as: UTF8.self))
                }
            }
            if refused > 0 { throw ExitCode(2) }
        }

        static func explanation(_ d: Digest, roles: [String]) -> String {
            var out = ["== \(d.doc) (published \(d.published ?? "unknown")): \(d.events.count) events"]
            for (k, e) in d.events.enumerated() {
                let sentence = d.sentences.first(where: { $0.index == e.sentence })
                out.append("\(e.type)\(e.mode.map { "/\($0)" } ?? "") \(e.source ?? "-") → \(e.target ?? "-")  date \(e.date ?? "-")  confidence \(String(format: "%.2f", e.confidence))")
                if let sentence {
                    let scalars = Array(sentence.text.unicodeScalars)
                    let start = max(0, e.trigger.start - sentence.start), end = min(scalars.count, e.trigger.end - sentence.start)
                    if start < end {
                        var marked = String(String.UnicodeScalarView(scalars[..<start]))
                        marked += "[[" + String(String.UnicodeScalarView(scalars[start..<end])) + "]]"
                        marked += String(String.UnicodeScalarView(scalars[end...]))
                        out.append("  sentence \(sentence.index): \(marked)")
                    } else {
                        out.append("  sentence \(sentence.index): \(sentence.text)")
                    }
                }
                out.append("  trigger: \"\(e.triggerText)\"  actor: \(e.actorText ?? "-")  recipient: \(e.recipientText ?? "-")")
                if k < roles.count { out.append("  decided by: \(roles[k])") }
                for p in e.actors { out.append("  actor: \(Participant.describe(p))") }
                for p in e.recipients { out.append("  recipient: \(Participant.describe(p))") }
            }
            return out.joined(separator: "\n")
        }
    }
}
