import AttacheFraming
import NIOCore
import NIOEmbedded
import Testing

@Suite struct LineFrameDecoderTests {
    func channel(max: Int) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLineBytes: max)))
        return channel
    }

    func lines(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let frame = try channel.readInbound(as: LineFrame.self) {
            switch frame {
            case .line(let buffer): out.append(String(buffer: buffer))
            case .tooLong(let limit): out.append("<too long: \(limit)>")
            }
        }
        return out
    }

    @Test func splitsLinesAcrossReadsAndDropsCR() throws {
        let channel = try self.channel(max: 100)
        try channel.writeInbound(ByteBuffer(string: "{\"a\":1}\r\n{\"b\""))
        try channel.writeInbound(ByteBuffer(string: ":2}\n\n"))
        #expect(try self.lines(channel) == ["{\"a\":1}", "{\"b\":2}", ""])
        _ = try channel.finish()
    }

    @Test func overLongLineIsReportedOnceAndSkippedThenTheStreamGoesOn() throws {
        let channel = try self.channel(max: 16)
        // 1,000 bytes in 10 reads: the decoder must not keep them.
        for _ in 0..<10 { try channel.writeInbound(ByteBuffer(string: String(repeating: "x", count: 100))) }
        try channel.writeInbound(ByteBuffer(string: "tail\n{\"ok\":1}\n"))
        #expect(try self.lines(channel) == ["<too long: 16>", "{\"ok\":1}"])
        _ = try channel.finish()
    }

    @Test func overLongLineInOneReadIsReported() throws {
        let channel = try self.channel(max: 8)
        try channel.writeInbound(ByteBuffer(string: "0123456789abcdef\nshort\n"))
        #expect(try self.lines(channel) == ["<too long: 8>", "short"])
        _ = try channel.finish()
    }

    @Test func lastLineWithoutNewlineIsDeliveredAtEOF() throws {
        let channel = try self.channel(max: 100)
        try channel.writeInbound(ByteBuffer(string: "one\ntwo"))
        #expect(try self.lines(channel) == ["one"])
        _ = try channel.finish(acceptAlreadyClosed: true)
        #expect(try self.lines(channel) == ["two"])
    }
}
