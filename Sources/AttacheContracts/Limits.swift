/// Protocol constants and the limits a server advertises in its hello.
public enum Protocol {
    /// The protocol version this build speaks. A request with a higher `v` gets `UNSUPPORTED_VERSION`.
    public static let version = 1
    /// Version of the software, reported in hello.
    public static let softwareVersion = "0.1.0"
}

/// Limits a server enforces and advertises in its `hello`.
public struct Limits: Codable, Sendable, Equatable {
    /// Maximum bytes in one line, excluding the `\n`. A longer line gets `LINE_TOO_LONG` and the connection is closed.
    public var maxLineBytes: Int
    /// Maximum bytes of a document's text (UTF-8).
    public var maxDocumentBytes: Int
    /// Maximum requests a client may have outstanding on one connection; reading pauses beyond it.
    public var maxInflight: Int
    /// Seconds of silence after which the server closes a connection.
    public var idleTimeoutSeconds: Int
    /// Maximum rows in one query answer.
    public var maxResultRows: Int

    public init(
        maxLineBytes: Int = Limits.defaultMaxLineBytes, maxDocumentBytes: Int = 512 * 1024, maxInflight: Int = 64,
        idleTimeoutSeconds: Int = 300, maxResultRows: Int = 10_000
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.maxInflight = maxInflight
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxResultRows = maxResultRows
    }

    /// 4 MiB: a maximal document, JSON-escaped, or its digest, fits with room to spare.
    public static let defaultMaxLineBytes = 4 * 1024 * 1024
}
