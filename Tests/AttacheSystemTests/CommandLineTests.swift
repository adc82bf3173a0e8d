import AttacheContracts
import Foundation
import Testing

/// The `attache` binary as a user runs it.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct CommandLineTests {
        @Test func digestPrintsTheScoringShape() throws {
            let (status, output) = try runTool("attache", ["digest", repositoryRoot + "/seeds"])
            #expect(status == 0, "\(output)")
            let lines = output.split(separator: "\n")
            #expect(lines.count == 2)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(Set(object.keys) == ["doc", "published", "persons", "organizations", "countries", "events"])
                let persons = try #require(object["persons"] as? [[String: Any]])
                for person in persons {
                    #expect(Set(person.keys) == ["name", "aliases", "country", "rank", "roles"])
                }
            }
        }

        @Test func certsWritesAUsableSet() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-certs-\(UUID().uuidString)").path
            defer {
                try? FileManager.default.removeItem(atPath: dir)
                try? FileManager.default.removeItem(atPath: dir + "-ca")  // the CA key is written apart
            }
            let (status, output) = try runTool("attache", ["certs", "--out", dir])
            #expect(status == 0, "\(output)")
            for name in ["ca.pem", "extractor.pem", "extractor-key.pem", "aggregator.pem", "aggregator-key.pem", "client.pem", "client-key.pem"] {
                #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name)")
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/client-key.pem")
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }

        /// Started from a temporary directory, not the repository: the demo finds the package's seeds itself and
        /// keeps its work directory (default `.attache`) where it was started.
        @Test func demoRunsEndToEndAndStops() throws {
            let cwd = FileManager.default.temporaryDirectory.appendingPathComponent("attache-demo-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: cwd) }
            let work = cwd + "/.attache"
            let (status, output) = try runTool("attache", ["demo", "--extractor-port", "0", "--aggregator-port", "0"], cwd: cwd)
            #expect(status == 0, "\(output)")
            #expect(output.contains("pushed 2 documents from \(repositoryRoot)/seeds"), "\(output)")
            #expect(output.contains("Luong Cuong"))
            #expect(output.contains("CONSULT"))
            #expect(output.contains("stopped both services"))
            #expect(FileManager.default.fileExists(atPath: work + "/outbox.sqlite"), "the demo keeps everything in its work directory")
        }
    }
}
