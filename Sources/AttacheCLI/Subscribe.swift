import AttacheContracts
import AttacheWire
import ArgumentParser
import Foundation

extension Attache {
    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print new events as the aggregator stores them, until Ctrl-C.",
            discussion: "Example: `attache subscribe --pair VN LA` or `attache subscribe --type AGREE --json`.")

        @OptionGroup var connection: ConnectionOptions
        @Option(name: .customLong("type"), help: "PLOVER event type.") var eventType: String?
        @Option(help: "Source state.") var source: String?
        @Option(help: "Target state.") var target: String?
        @Option(help: "A state on either side.") var state: String?
        @Option(parsing: .upToNextOption, help: "Two states, either order.") var pair: [String] = []
        @Option(help: "Stop after this many events.") var count: Int?
        @Flag(help: "Print the raw JSON lines.") var json = false

        func run() async throws {
            let filter = SubscriptionFilter(
                eventType: self.eventType?.uppercased(), source: self.source?.uppercased(), target: self.target?.uppercased(),
                state: self.state?.uppercased(), pair: self.pair.isEmpty ? nil : self.pair.map { $0.uppercased() })
            let codec = LineCodec()
            let json = self.json
            let limit = self.count
            try await LineClient.withConnection(try self.connection.endpoint("aggregator"), tls: try self.connection.tls()) {
                connection in
                let id = connection.makeID()
                let subscribed = try await connection.call(SubscribeRequest(id: id, filter: filter), id: id, as: SubscribedReply.self)
                FileHandle.standardError.write(Data("subscribed (\(subscribed.sub)); waiting for events…\n".utf8))
                var seen = 0
                for await line in connection.unsolicited {
                    guard let push = try? codec.decodeValue(EventPush.self, from: line), push.sub == subscribed.sub else {
                        if let bye = try? codec.decodeValue(Bye.self, from: line), bye.type == Bye.type {
                            FileHandle.standardError.write(Data("server said bye: \(Terminal.safe(bye.reason))\n".utf8))
                        }
                        continue
                    }
                    if json {
                        print(Terminal.jsonSafe(String(decoding: line, as: UTF8.self)))
                    } else {
                        let e = push.event
                        let line = "\(e.type)\(e.mode.map { "/\($0)" } ?? "")  \(e.source ?? "-") → \(e.target ?? "-")  \(e.date ?? "-")  \(e.doc): \(e.sentence)"
                        let dropped = push.dropped > 0 ? "  (\(push.dropped) dropped so far)" : ""
                        print("\(push.seq)  \(Terminal.safe(line))\(dropped)")
                    }
                    seen += 1
                    if let limit, seen >= limit { break }
                }
            }
        }
    }
}
