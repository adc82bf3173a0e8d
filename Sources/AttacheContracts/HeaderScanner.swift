/// Reads `type`, `id` and `v` from the top level of a JSON object without decoding the rest, so
/// that a request is fully decoded once (by its handler) instead of twice.
///
/// It handles the common shape only: plain (unescaped) `type` and string `id`s, integer `id`
/// and `v`. Anything else — escapes in those fields, malformed structure, duplicate keys —
/// returns nil and the caller falls back to the full decoder, which produces the precise error.
enum HeaderScanner {
    /// Whether any of the eight bytes in `w` is a quote, a backslash or a control character (below 0x20):
    /// the bytes a JSON string scanner must stop at (SWAR: the high bit of each byte's "is zero" test).
    @inline(__always)
    static func hasQuoteBackslashOrControl(_ w: UInt64) -> Bool {
        let quote = w ^ 0x2222_2222_2222_2222
        let slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let t =
            ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
            | ((w &- 0x2020_2020_2020_2020) & ~w)
        return t & 0x8080_8080_8080_8080 != 0
    }

    /// - Parameter maxDepth: deeper nesting anywhere returns nil (the caller then refuses it).
    static func scan(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) -> LineHeader? {
        var i = 0
        let n = bytes.count
        @inline(__always) func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }
        /// Scans a string starting at its opening quote; returns its content range and whether it has escapes.
        func string() -> (Range<Int>, Bool)? {
            guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
            var j = i + 1
            defer { i = j }
            let start = j
            var escaped = false
            while j < n {
                // Eight bytes at a time while none is a quote, a backslash or a control character.
                while j + 8 <= n, !Self.hasQuoteBackslashOrControl(bytes.loadUnaligned(fromByteOffset: j, as: UInt64.self)) {
                    j += 8
                }
                guard j < n else { break }
                let b = bytes[j]
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    j += 2
                    continue
                }
                if b == UInt8(ascii: "\"") {
                    let range = start..<j
                    j += 1
                    return (range, escaped)
                }
                if b < 0x20 { return nil }
                j += 1
            }
            return nil
        }
        /// Skips any value; returns false on malformed input.
        func skipValue() -> Bool {
            guard i < n else { return false }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while i < n {
                    switch bytes[i] {
                    case UInt8(ascii: "\""):
                        if string() == nil { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                        if depth >= maxDepth { return false }
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            i += 1
                            return true
                        }
                    default: break
                    }
                    i += 1
                }
                return false
            default:
                let start = i
                while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"), bytes[i] != 0x20, bytes[i] != 0x0A,
                    bytes[i] != 0x0D, bytes[i] != 0x09
                {
                    i += 1
                }
                return i > start
            }
        }
        func integer() -> Int64? {
            var value: Int64 = 0
            var negative = false
            let start = i
            if i < n, bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            let digitsStart = i
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 0x30))
                if o1 || o2 { return nil }
                value = a
                i += 1
            }
            if i == digitsStart { i = start; return nil }
            // A fraction or exponent is not an integer: let the full decoder judge it.
            if i < n, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
            return negative ? -value : value
        }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var header = LineHeader()
        var seen = Set<String>()
        skipSpace()
        if i < n, bytes[i] == UInt8(ascii: "}") { return header }
        while true {
            skipSpace()
            guard let (keyRange, keyEscaped) = string(), !keyEscaped else { return nil }
            let key = text(keyRange)
            skipSpace()
            guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            switch key {
            case "type", "id", "v":
                guard seen.insert(key).inserted else { return nil }
                if bytes[i] == UInt8(ascii: "\"") {
                    guard key != "v", let (range, escaped) = string(), !escaped else { return nil }
                    if key == "type" { header.type = text(range) } else { header.id = .string(text(range)) }
                } else if bytes[i] == UInt8(ascii: "n"), key != "type" {
                    guard skipValue() else { return nil }  // null
                } else {
                    guard key != "type", let number = integer() else { return nil }
                    if key == "id" {
                        header.id = .number(number)
                    } else {
                        guard let v = Int(exactly: number) else { return nil }
                        header.v = v
                    }
                }
            default:
                guard skipValue() else { return nil }
            }
            skipSpace()
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "}") else { return nil }
            i += 1
            skipSpace()
            return i == n ? header : nil
        }
    }
}
