import NIOCore

/// One frame of an NDJSON stream.
public enum LineFrame: Sendable, Equatable {
    /// A line without its `\n` (and without a trailing `\r`).
    case line(ByteBuffer)
    /// A line longer than the limit: its bytes were discarded up to the next `\n`. Reported once per line,
    /// as soon as the limit is crossed.
    case tooLong(limit: Int)
}

/// Splits a byte stream into lines with a hard maximum length, in O(n) total work.
///
/// Unlike `LineBasedFrameDecoder` it never buffers more than `maxLineBytes` (+ one read): once a
/// line crosses the limit it reports `.tooLong` and discards bytes until the next newline, so the
/// connection can go on. A last line without a newline at end of input is delivered as a line.
public struct LineFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = LineFrame

    private let maxLineBytes: Int
    private var scanned = 0
    private var discarding = false

    public init(maxLineBytes: Int) {
        precondition(maxLineBytes > 0)
        self.maxLineBytes = maxLineBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let searchStart = view.startIndex + self.scanned
        if let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            if self.discarding {
                buffer.moveReaderIndex(forwardBy: length + 1)
                self.discarding = false
                self.scanned = 0
                return .continue
            }
            self.scanned = 0
            if length > self.maxLineBytes {
                buffer.moveReaderIndex(forwardBy: length + 1)
                context.fireChannelRead(Self.wrapInboundOut(.tooLong(limit: self.maxLineBytes)))
                return .continue
            }
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            context.fireChannelRead(Self.wrapInboundOut(.line(line)))
            return .continue
        }
        // No newline yet.
        if self.discarding {
            buffer.moveReaderIndex(forwardBy: view.count)
            self.scanned = 0
            return .needMoreData
        }
        if view.count > self.maxLineBytes {
            buffer.moveReaderIndex(forwardBy: view.count)
            self.scanned = 0
            self.discarding = true
            context.fireChannelRead(Self.wrapInboundOut(.tooLong(limit: self.maxLineBytes)))
            return .needMoreData
        }
        self.scanned = view.count
        return .needMoreData
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try self.decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 && !self.discarding {
            var line = buffer.readSlice(length: buffer.readableBytes)!
            if line.readableBytesView.last == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            context.fireChannelRead(Self.wrapInboundOut(.line(line)))
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        self.scanned = 0
        return .needMoreData
    }
}
