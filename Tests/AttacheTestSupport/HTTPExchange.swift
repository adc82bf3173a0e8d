import Foundation
import NIOCore
import NIOPosix

/// Sends `request` as is (nothing when it is empty) on a fresh connection to 127.0.0.1:`port` and
/// reads until the server closes: one plain HTTP exchange with a metrics endpoint.
/// - Returns: the status code and the body (nil status when no full head came back, the body then
///   being all that came).
public func httpExchange(port: Int, _ request: String) async throws -> (status: Int?, body: String) {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(5))
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        if !request.isEmpty { try await outbound.write(ByteBuffer(string: request)) }
        var received = ByteBuffer()
        for try await var chunk in inbound { received.writeBuffer(&chunk) }
        let text = String(buffer: received)
        guard let split = text.range(of: "\r\n\r\n") else { return (nil, text) }
        let status = text[..<split.lowerBound].split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return (status, String(text[split.upperBound...]))
    }
}
