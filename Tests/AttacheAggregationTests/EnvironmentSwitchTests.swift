import Foundation
import Testing

/// Libraries take their settings as parameters; only executables read the environment (through their
/// configuration). A switch read by a library is invisible in the configuration and its docs: the store's
/// `ATTACHE_STORE_SYNC=NORMAL` turned off synchronous commits that way.
@Suite struct EnvironmentSwitchTests {
    static let libraries = [
        "AttacheAggregation", "AttacheContracts", "AttacheDelivery", "AttacheExtraction", "AttacheFraming", "AttachePostgres",
    ]

    @Test func librariesReadNoEnvironmentVariables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var found: [String] = []
        var files = 0
        for library in Self.libraries {
            let dir = root.appendingPathComponent(library)
            guard let walk = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let file as String in walk where file.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOfFile: dir.appendingPathComponent(file).path, encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.contains("processInfo.environment") || line.contains("getenv(")
                {
                    found.append("\(library)/\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(files > 20, "the sources were found at \(root.path)")
        #expect(found.isEmpty, "environment read by a library:\n\(found.joined(separator: "\n"))")
    }
}
