/// Stable, machine-readable error codes carried by `error` lines.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// The line is not a JSON object (fatal: no).
    case badJSON = "BAD_JSON"
    /// The line is JSON but lacks a required field or has a wrong type (fatal: no).
    case badRequest = "BAD_REQUEST"
    /// `type` names no message this server knows (fatal: no).
    case unknownType = "UNKNOWN_TYPE"
    /// The request's `v` is newer than the server's protocol (fatal: no).
    case unsupportedVersion = "UNSUPPORTED_VERSION"
    /// The line exceeds `max_line_bytes` (fatal: yes — the rest of the line cannot be trusted).
    case lineTooLong = "LINE_TOO_LONG"
    /// A document exceeds `max_document_bytes` (fatal: no).
    case documentTooLarge = "DOCUMENT_TOO_LARGE"
    /// The peer's certificate does not allow this request (fatal: no).
    case forbidden = "FORBIDDEN"
    /// The thing asked for does not exist (fatal: no).
    case notFound = "NOT_FOUND"
    /// The answer would exceed `max_result_rows` or the query is too expensive (fatal: no).
    case tooExpensive = "TOO_EXPENSIVE"
    /// The server cannot take more work now; retry later with back-off (fatal: no).
    case busy = "BUSY"
    /// The downstream service is unavailable (fatal: no).
    case unavailable = "UNAVAILABLE"
    /// The peer was idle too long (fatal: yes).
    case idleTimeout = "IDLE_TIMEOUT"
    /// Something went wrong on the server (fatal: no).
    case `internal` = "INTERNAL"
}
