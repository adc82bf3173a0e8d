/// Byte-level JSON reading and writing for the hand-written codecs (``DigestJSON``).
///
/// The reader follows what Foundation's `JSONDecoder` accepts for the values it decodes (see
/// ``DigestJSON`` for the list), with no recursion: unknown values are skipped by an iterative
/// scanner with an explicit, bounded nesting depth.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a line could not be decoded by a byte-level codec.
struct FastJSONError: Error, Sendable {
    enum Kind: Sendable, Equatable {
        /// Not JSON (or not UTF-8, or a string escape that names no character).
        case syntax
        /// A required field is absent.
        case missing
        /// A field has the wrong JSON type; the associated value names the Swift type expected.
        case wrongType(String)
        /// A required field is null.
        case null(String)
        /// A number that does not fit its field (or is longer than ``JSONReader/maxNumberLength``).
        case number
    }

    enum PathItem: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    var kind: Kind
    var detail: String
    /// The path to the field, innermost first (items are appended while the error unwinds).
    var reversedPath: [PathItem] = []

    static func syntax(_ detail: String) -> FastJSONError { FastJSONError(kind: .syntax, detail: detail) }

    /// The error seen from the enclosing container, at `key`.
    func at(_ key: String) -> FastJSONError {
        var copy = self
        copy.reversedPath.append(.key(key))
        return copy
    }

    /// The error seen from the enclosing array, at `index`.
    func at(index: Int) -> FastJSONError {
        var copy = self
        copy.reversedPath.append(.index(index))
        return copy
    }

    /// The field path as ``LineCodec`` writes it: `digest.persons[2].name`.
    var path: String {
        var text = ""
        for item in self.reversedPath.reversed() {
            switch item {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// A message in the words ``LineCodec`` uses for Foundation's decoding errors.
    var message: String {
        switch self.kind {
        case .syntax: "invalid JSON: \(self.detail)"
        case .missing: "missing field '\(self.path)'"
        case .wrongType(let type): "field '\(self.path)' has the wrong type (expected \(type))"
        case .null(let type): "field '\(self.path)' is null (expected \(type))"
        case .number: self.reversedPath.isEmpty ? self.detail : "field '\(self.path)' is invalid (\(self.detail))"
        }
    }
}

/// A JSON key packed for comparison: length and up to 16 bytes in two little-endian words.
struct PackedKey: Equatable, Sendable {
    var length: Int
    var low: UInt64
    var high: UInt64

    init(length: Int, low: UInt64, high: UInt64) {
        self.length = length
        self.low = low
        self.high = high
    }

    init(_ text: StaticString) {
        precondition(text.utf8CodeUnitCount <= 16, "keys longer than 16 bytes are not supported")
        self = PackedKey.pack(text.utf8Start, text.utf8CodeUnitCount)
    }

    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ length: Int) -> PackedKey {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var k = 0
        while k < length && k < 8 {
            low |= UInt64(p[k]) << (8 * UInt64(k))
            k += 1
        }
        while k < length {
            high |= UInt64(p[k]) << (8 * UInt64(k - 8))
            k += 1
        }
        return PackedKey(length: length, low: low, high: high)
    }
}

/// The keys of one object type, in declaration order.
struct KeyTable: Sendable {
    let keys: [PackedKey]
    let names: [String]

    init(_ names: [StaticString]) {
        self.keys = names.map(PackedKey.init)
        self.names = names.map { $0.description }
    }

    /// The index of `key`, trying `hint` first (the next key in declaration order), or -1.
    @inline(__always)
    func index(of key: PackedKey, hint: Int) -> Int {
        if hint < self.keys.count && self.keys[hint] == key { return hint }
        for k in 0..<self.keys.count where self.keys[k] == key { return k }
        return -1
    }
}

/// A cursor over the bytes of one line. All reads check bounds against `count`.
struct JSONReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    var i: Int = 0
    /// Unescaped bytes of the last string with escapes.
    var scratch: [UInt8] = []

    /// Foundation's nesting limit (the top-level value is level 1).
    static let maxDepth = 512
    /// Longer number tokens are refused: no field of ours needs more than 25 characters, and
    /// Foundation's integer decoding traps on some tokens of 130+ characters.
    static let maxNumberLength = 100

    init(_ base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    // MARK: structure

    @inline(__always)
    mutating func skipWhitespace() {
        while self.i < self.count {
            let b = self.base[self.i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            self.i += 1
        }
    }

    /// The next byte after whitespace, without consuming it; 0 at the end.
    @inline(__always)
    mutating func peek() -> UInt8 {
        self.skipWhitespace()
        return self.i < self.count ? self.base[self.i] : 0
    }

    /// Skips a UTF-8 byte order mark at the start (Foundation accepts one).
    mutating func skipByteOrderMark() {
        if self.count >= 3 && self.base[0] == 0xEF && self.base[1] == 0xBB && self.base[2] == 0xBF { self.i = 3 }
    }

    /// After the whole value: only whitespace may follow.
    mutating func expectEnd() throws(FastJSONError) {
        self.skipWhitespace()
        if self.i != self.count { throw .syntax("unexpected data after the value at byte \(self.i)") }
    }

    /// Enters an object whose members are decoded. Returns false for `{}`.
    /// Null or another type is a shape error (the value is skipped first, so that syntax errors win).
    @inline(__always)
    mutating func beginObject(depth: Int) throws(FastJSONError) -> Bool {
        try self.begin(UInt8(ascii: "{"), UInt8(ascii: "}"), expected: "Dictionary<String, Any>", depth: depth)
    }

    /// After a member's value: true if another member follows, false at the closing brace.
    /// Accepts a trailing comma before the brace, like Foundation.
    @inline(__always)
    mutating func nextMember() throws(FastJSONError) -> Bool { try self.next(UInt8(ascii: "}")) }

    /// Enters an array whose elements are decoded. Returns false for `[]`.
    @inline(__always)
    mutating func beginArray(depth: Int) throws(FastJSONError) -> Bool {
        try self.begin(UInt8(ascii: "["), UInt8(ascii: "]"), expected: "Array<Any>", depth: depth)
    }

    /// After an element: true if another element follows (a trailing comma is accepted).
    @inline(__always)
    mutating func nextElement() throws(FastJSONError) -> Bool { try self.next(UInt8(ascii: "]")) }

    /// Enters a container opened by `open`; false when `close` follows at once.
    @inline(__always)
    private mutating func begin(_ open: UInt8, _ close: UInt8, expected: String, depth: Int) throws(FastJSONError) -> Bool {
        let b = self.peek()
        guard b == open else { try self.refuse(b, expected: expected, depth: depth) }
        self.i += 1
        if self.peek() == close {
            self.i += 1
            return false
        }
        return true
    }

    /// After a value in a container closed by `close`: true if another value follows.
    @inline(__always)
    private mutating func next(_ close: UInt8) throws(FastJSONError) -> Bool {
        let b = self.peek()
        if b == UInt8(ascii: ",") {
            self.i += 1
            if self.peek() == close {
                self.i += 1
                return false
            }
            return true
        }
        if b == close {
            self.i += 1
            return false
        }
        throw .syntax("expected ',' or '\(Character(Unicode.Scalar(close)))' at byte \(self.i)")
    }

    /// Reads a member's key and the colon after it; returns its index in `table` or -1.
    @inline(__always)
    mutating func key(_ table: KeyTable, hint: Int) throws(FastJSONError) -> Int {
        guard self.peek() == UInt8(ascii: "\"") else { throw .syntax("expected a key at byte \(self.i)") }
        let scanned = try self.scanString()
        var index = -1
        if !scanned.escaped && !scanned.nonASCII {
            if scanned.end - scanned.start <= 16 {
                index = table.index(of: PackedKey.pack(self.base + scanned.start, scanned.end - scanned.start), hint: hint)
            }
        } else {
            // Rare: escapes or non-ASCII bytes in a key. Foundation compares the decoded text.
            let text = try self.makeString(scanned)
            index = table.names.firstIndex(of: text) ?? -1
        }
        guard self.peek() == UInt8(ascii: ":") else { throw .syntax("expected ':' at byte \(self.i)") }
        self.i += 1
        return index
    }

    /// For a value of the wrong JSON type: validates it (a syntax error anywhere wins), then
    /// throws the shape error Foundation would report.
    mutating func refuse(_ b: UInt8, expected: String, depth: Int) throws(FastJSONError) -> Never {
        if b == UInt8(ascii: "n") {
            try self.literal("null")
            throw FastJSONError(kind: .null(expected), detail: "")
        }
        try self.skipValue(depth: depth)
        throw FastJSONError(kind: .wrongType(expected), detail: "")
    }

    /// If the next value is `null`, consumes it and returns true.
    @inline(__always)
    mutating func consumeNull() throws(FastJSONError) -> Bool {
        guard self.peek() == UInt8(ascii: "n") else { return false }
        try self.literal("null")
        return true
    }

    mutating func literal(_ word: StaticString) throws(FastJSONError) {
        let n = word.utf8CodeUnitCount
        guard self.count - self.i >= n else { throw .syntax("truncated literal at byte \(self.i)") }
        for k in 0..<n where self.base[self.i + k] != word.utf8Start[k] {
            throw .syntax("invalid literal at byte \(self.i)")
        }
        self.i += n
    }

    // MARK: strings

    struct ScannedString {
        /// Content range (without the quotes).
        var start: Int
        var end: Int
        var escaped: Bool
        var nonASCII: Bool
    }

    /// Scans a string from its opening quote to just past its closing quote. Raw control
    /// characters are refused here; escapes and UTF-8 are checked when the string is made or validated.
    @inline(__always)
    mutating func scanString() throws(FastJSONError) -> ScannedString {
        let start = self.i + 1
        var j = start
        var escaped = false
        var high: UInt64 = 0
        let base = self.base
        let n = self.count
        while true {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            while j + 8 <= n {
                let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222
                let slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let t =
                    ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                    | ((w &- 0x2020_2020_2020_2020) & ~w)
                if t & 0x8080_8080_8080_8080 != 0 { break }
                high |= w
                j += 8
            }
            guard j < n else { throw .syntax("unterminated string starting at byte \(start - 1)") }
            let b = base[j]
            if b == UInt8(ascii: "\"") {
                self.i = j + 1
                return ScannedString(start: start, end: j, escaped: escaped, nonASCII: high & 0x8080_8080_8080_8080 != 0)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                j += 2
                continue
            }
            if b < 0x20 { throw .syntax("control character in a string at byte \(j)") }
            high |= UInt64(b)
            j += 1
        }
    }

    /// Reads a string value (the next value must be a string).
    @inline(__always)
    mutating func readString(depth: Int) throws(FastJSONError) -> String {
        let b = self.peek()
        guard b == UInt8(ascii: "\"") else { try self.refuse(b, expected: "String", depth: depth) }
        return try self.makeString(try self.scanString())
    }

    /// Reads an optional string: absent is handled by the caller, null gives nil.
    @inline(__always)
    mutating func readOptionalString(depth: Int) throws(FastJSONError) -> String? {
        if try self.consumeNull() { return nil }
        return try self.readString(depth: depth)
    }

    /// The text of a scanned string: escapes resolved, UTF-8 validated.
    @inline(__always)
    mutating func makeString(_ s: ScannedString) throws(FastJSONError) -> String {
        if !s.escaped {
            let bytes = UnsafeBufferPointer(start: self.base + s.start, count: s.end - s.start)
            if !s.nonASCII { return String(decoding: bytes, as: UTF8.self) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .syntax("invalid UTF-8 in a string at byte \(s.start)")
            }
            return text
        }
        try self.unescape(s)
        guard let text = self.scratch.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
            throw .syntax("invalid UTF-8 in a string at byte \(s.start)")
        }
        return text
    }

    /// Checks a skipped string as strictly as a decoded one.
    mutating func validateString(_ s: ScannedString) throws(FastJSONError) {
        if s.escaped {
            try self.unescape(s)
            guard self.scratch.withUnsafeBytes({ UTF8Check.isValid($0) }) else {
                throw .syntax("invalid UTF-8 in a string at byte \(s.start)")
            }
        } else if s.nonASCII {
            guard UTF8Check.isValid(UnsafeRawBufferPointer(start: self.base + s.start, count: s.end - s.start)) else {
                throw .syntax("invalid UTF-8 in a string at byte \(s.start)")
            }
        }
    }

    /// Resolves the escapes of `s` into `scratch`. UTF-16 surrogates must come in pairs.
    mutating func unescape(_ s: ScannedString) throws(FastJSONError) {
        self.scratch.removeAll(keepingCapacity: true)
        self.scratch.reserveCapacity(s.end - s.start)
        var j = s.start
        let end = s.end
        func hex4(_ at: Int) throws(FastJSONError) -> UInt32 {
            guard at + 4 <= end else { throw .syntax("truncated \\u escape at byte \(at)") }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = self.base[at + k]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: throw .syntax("invalid \\u escape at byte \(at)")
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while j < end {
            let b = self.base[j]
            if b != UInt8(ascii: "\\") {
                self.scratch.append(b)
                j += 1
                continue
            }
            guard j + 1 < end else { throw .syntax("truncated escape at byte \(j)") }
            let e = self.base[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): self.scratch.append(e)
            case UInt8(ascii: "b"): self.scratch.append(0x08)
            case UInt8(ascii: "f"): self.scratch.append(0x0C)
            case UInt8(ascii: "n"): self.scratch.append(0x0A)
            case UInt8(ascii: "r"): self.scratch.append(0x0D)
            case UInt8(ascii: "t"): self.scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(j)
                j += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard j + 2 <= end, self.base[j] == UInt8(ascii: "\\"), self.base[j + 1] == UInt8(ascii: "u") else {
                        throw .syntax("unpaired UTF-16 surrogate at byte \(j)")
                    }
                    let low = try hex4(j + 2)
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw .syntax("unpaired UTF-16 surrogate at byte \(j)") }
                    j += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw .syntax("unpaired UTF-16 surrogate at byte \(j)")
                }
                self.appendUTF8(scalar)
            default: throw .syntax("invalid escape at byte \(j - 2)")
            }
        }
    }

    private mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80: self.scratch.append(UInt8(v))
        case 0x80..<0x800:
            self.scratch.append(UInt8(0xC0 | (v >> 6)))
            self.scratch.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            self.scratch.append(UInt8(0xE0 | (v >> 12)))
            self.scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            self.scratch.append(UInt8(0x80 | (v & 0x3F)))
        default:
            self.scratch.append(UInt8(0xF0 | (v >> 18)))
            self.scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            self.scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            self.scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: numbers

    /// A number token that follows the JSON grammar.
    struct NumberToken {
        var start: Int
        var end: Int
        var negative: Bool
        /// Range of the integer digits, and of the fraction digits (empty without a fraction).
        var integerDigits: Range<Int>
        var fractionDigits: Range<Int>
        /// The exponent's value, saturated at ±1,000,000 (0 without an exponent).
        var exponent: Int
        var isInteger: Bool { self.fractionDigits.isEmpty && !self.hasExponent }
        var hasExponent: Bool
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// Scans a number at the cursor by the JSON grammar (a leading zero stands alone; a fraction
    /// and an exponent need digits).
    mutating func scanNumber() throws(FastJSONError) -> NumberToken {
        let start = self.i
        var j = start
        let n = self.count
        var negative = false
        if j < n && self.base[j] == UInt8(ascii: "-") {
            negative = true
            j += 1
        }
        let integerStart = j
        guard j < n, Self.isDigit(self.base[j]) else { throw .syntax("invalid number at byte \(start)") }
        if self.base[j] == UInt8(ascii: "0") {
            j += 1
            if j < n && Self.isDigit(self.base[j]) { throw .syntax("leading zero in a number at byte \(start)") }
        } else {
            while j < n && Self.isDigit(self.base[j]) { j += 1 }
        }
        let integerDigits = integerStart..<j
        var fractionDigits = j..<j
        if j < n && self.base[j] == UInt8(ascii: ".") {
            j += 1
            let fractionStart = j
            while j < n && Self.isDigit(self.base[j]) { j += 1 }
            guard j > fractionStart else { throw .syntax("a fraction needs digits at byte \(start)") }
            fractionDigits = fractionStart..<j
        }
        var exponent = 0
        var hasExponent = false
        if j < n && (self.base[j] == UInt8(ascii: "e") || self.base[j] == UInt8(ascii: "E")) {
            hasExponent = true
            j += 1
            var exponentNegative = false
            if j < n && (self.base[j] == UInt8(ascii: "+") || self.base[j] == UInt8(ascii: "-")) {
                exponentNegative = self.base[j] == UInt8(ascii: "-")
                j += 1
            }
            let exponentStart = j
            while j < n && Self.isDigit(self.base[j]) {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(self.base[j] - UInt8(ascii: "0")) }
                j += 1
            }
            guard j > exponentStart else { throw .syntax("an exponent needs digits at byte \(start)") }
            if exponentNegative { exponent = -exponent }
        }
        self.i = j
        return NumberToken(
            start: start, end: j, negative: negative, integerDigits: integerDigits, fractionDigits: fractionDigits,
            exponent: exponent, hasExponent: hasExponent)
    }

    /// Reads an `Int` field the way Foundation does: plain integers exactly; a number with a
    /// fraction or an exponent when its nearest `Double` is an integer that `Int` holds (below
    /// 2^53 that `Double`'s value, above it the decimal value truncated toward zero).
    @inline(__always)
    mutating func readInt(depth: Int) throws(FastJSONError) -> Int {
        let b = self.peek()
        guard b == UInt8(ascii: "-") || Self.isDigit(b) else { try self.refuse(b, expected: "Int", depth: depth) }
        // Fast path: a short plain integer.
        var j = self.i
        let negative = b == UInt8(ascii: "-")
        if negative { j += 1 }
        let digitsStart = j
        var value = 0
        while j < self.count && j - digitsStart < 18 && Self.isDigit(self.base[j]) {
            value = value &* 10 &+ Int(self.base[j] &- UInt8(ascii: "0"))
            j += 1
        }
        if j > digitsStart && j < self.count {
            let next = self.base[j]
            if !Self.isDigit(next) && next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E")
                && !(self.base[digitsStart] == UInt8(ascii: "0") && j - digitsStart > 1)
            {
                self.i = j
                return negative ? -value : value
            }
        }
        let token = try self.scanNumber()
        guard let result = Self.integer(token, self.base) else {
            throw FastJSONError(kind: .number, detail: "not an integer that Int holds")
        }
        return result
    }

    /// The integer value of a number token, or nil (see ``readInt(depth:)``).
    static func integer(_ t: NumberToken, _ base: UnsafePointer<UInt8>) -> Int? {
        guard t.end - t.start <= JSONReader.maxNumberLength else { return nil }
        if t.isInteger {
            var magnitude: UInt64 = 0
            for k in t.integerDigits {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(base[k] - UInt8(ascii: "0")))
                if o1 || o2 { return nil }
                magnitude = a
            }
            if t.negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int(magnitude)
        }
        let d = Self.double(t, base)
        guard d.isFinite, d.rounded(.towardZero) == d, let v = Int(exactly: d) else { return nil }
        if d.magnitude < 9_007_199_254_740_992 { return v }
        // From 2^53 on, Foundation reads the token as a `Decimal`: digits are kept while the
        // mantissa fits 128 bits, trailing zeros are dropped, the mantissa must then fit 64 bits,
        // and the value is truncated toward zero (Int.min is refused).
        var mantissa: UInt128 = 0
        var exponent = t.exponent - t.fractionDigits.count
        var full = false
        for digits in [t.integerDigits, t.fractionDigits] {
            for k in digits {
                if !full {
                    let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(UInt128(base[k] - UInt8(ascii: "0")))
                    if !o1 && !o2 {
                        mantissa = a
                        continue
                    }
                    full = true
                }
                exponent += 1  // a dropped digit
            }
        }
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard mantissa <= UInt128(UInt64.max) else { return nil }
        var magnitude = UInt64(mantissa)
        if exponent < 0 {
            for _ in 0..<min(-exponent, 20) { magnitude /= 10 }
        } else {
            for _ in 0..<exponent {
                let (m, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                magnitude = m
            }
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return t.negative ? -Int(magnitude) : Int(magnitude)
    }

    /// Reads a `Double` field: the nearest double; an overflow to infinity, or an underflow of
    /// nonzero digits to zero, is refused (as Foundation does).
    @inline(__always)
    mutating func readDouble(depth: Int) throws(FastJSONError) -> Double {
        let b = self.peek()
        guard b == UInt8(ascii: "-") || Self.isDigit(b) else { try self.refuse(b, expected: "Double", depth: depth) }
        let token = try self.scanNumber()
        guard token.end - token.start <= JSONReader.maxNumberLength else {
            throw FastJSONError(kind: .number, detail: "number too long")
        }
        let d = Self.double(token, self.base)
        if d.isInfinite { throw FastJSONError(kind: .number, detail: "number out of range for Double") }
        if d == 0 && !Self.isTrueZero(token, self.base) {
            throw FastJSONError(kind: .number, detail: "number out of range for Double")
        }
        return d
    }

    /// Foundation's test that a token read as 0 is not an underflow, quirk included: it scans four
    /// bytes at a time for a nonzero digit (underflow) or an exponent mark (zero), but scans the
    /// last one to three bytes backwards, so `0e1` counts as an underflow and `0e10` does not.
    static func isTrueZero(_ t: NumberToken, _ base: UnsafePointer<UInt8>) -> Bool {
        func check(_ k: Int) -> Bool? {
            switch base[k] {
            case UInt8(ascii: "1")...UInt8(ascii: "9"): false
            case UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: nil
            }
        }
        var k = t.start
        while t.end - k >= 4 {
            for j in 0..<4 {
                if let result = check(k + j) { return result }
            }
            k += 4
        }
        for j in stride(from: t.end - k - 1, through: 0, by: -1) {
            if let result = check(k + j) { return result }
        }
        return true
    }

    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// The correctly rounded double of a number token (infinity on overflow, zero on underflow).
    static func double(_ t: NumberToken, _ base: UnsafePointer<UInt8>) -> Double {
        // Exact when the digits fit in 53 bits and the power of ten is exact (Clinger's fast path).
        var mantissa: UInt64 = 0
        var digits = 0
        /// Adds the digit at `k` to the mantissa (leading zeros skipped); false once 19 digits are taken.
        func take(_ k: Int) -> Bool {
            let d = UInt64(base[k] - UInt8(ascii: "0"))
            if mantissa == 0 && d == 0 { return true }
            if digits == 19 { return false }
            mantissa = mantissa * 10 + d
            digits += 1
            return true
        }
        var exact = true
        for k in t.integerDigits where !take(k) {
            exact = false
            break
        }
        var exponent = t.exponent
        if exact {
            for k in t.fractionDigits {
                exponent -= 1
                if !take(k) {
                    exact = false
                    break
                }
            }
        }
        if exact {
            if mantissa == 0 { return t.negative ? -0.0 : 0.0 }
            if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
                var value = Double(mantissa)
                if exponent >= 0 { value *= Self.powersOfTen[exponent] } else { value /= Self.powersOfTen[-exponent] }
                return t.negative ? -value : value
            }
        }
        // Otherwise the C library's correctly rounded conversion.
        let text = String(decoding: UnsafeBufferPointer(start: base + t.start, count: t.end - t.start), as: UTF8.self)
        return Double(text) ?? (t.negative ? -.infinity : .infinity)
    }

    // MARK: skipping

    /// Skips any value at the cursor, checking it strictly (UTF-8, escapes, number grammar),
    /// without recursion. `depth` is the nesting level of the container holding the value; no
    /// value may reach beyond ``maxDepth``.
    mutating func skipValue(depth: Int) throws(FastJSONError) {
        // One bit per open container: 1 = object, 0 = array.
        var stack: [UInt64] = []
        var open = 0
        func push(_ isObject: Bool) throws(FastJSONError) {
            guard depth + open + 1 <= Self.maxDepth else { throw .syntax("nesting deeper than \(Self.maxDepth) levels") }
            if open / 64 >= stack.count { stack.append(0) }
            if isObject { stack[open / 64] |= 1 << UInt64(open % 64) } else { stack[open / 64] &= ~(1 << UInt64(open % 64)) }
            open += 1
        }
        func topIsObject() -> Bool { stack[(open - 1) / 64] & (1 << UInt64((open - 1) % 64)) != 0 }
        while true {
            // A value.
            let b = self.peek()
            switch b {
            case UInt8(ascii: "\""):
                try self.validateString(try self.scanString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let token = try self.scanNumber()
                guard token.end - token.start <= JSONReader.maxNumberLength else {
                    throw FastJSONError(kind: .number, detail: "a number is longer than \(JSONReader.maxNumberLength) characters")
                }
            case UInt8(ascii: "t"): try self.literal("true")
            case UInt8(ascii: "f"): try self.literal("false")
            case UInt8(ascii: "n"): try self.literal("null")
            case UInt8(ascii: "{"):
                try push(true)
                self.i += 1
                let c = self.peek()
                if c == UInt8(ascii: "}") {
                    self.i += 1
                    open -= 1
                } else {
                    try self.skipKey()
                    continue
                }
            case UInt8(ascii: "["):
                try push(false)
                self.i += 1
                if self.peek() == UInt8(ascii: "]") {
                    self.i += 1
                    open -= 1
                } else {
                    continue
                }
            default:
                throw .syntax("unexpected byte at \(self.i)")
            }
            // After a value: close containers or move to the next member or element.
            while true {
                if open == 0 { return }
                let c = self.peek()
                let isObject = topIsObject()
                if c == UInt8(ascii: ",") {
                    self.i += 1
                    let d = self.peek()
                    if isObject && d == UInt8(ascii: "}") || !isObject && d == UInt8(ascii: "]") {
                        self.i += 1
                        open -= 1
                        continue
                    }
                    if isObject { try self.skipKey() }
                    break
                }
                if isObject && c == UInt8(ascii: "}") || !isObject && c == UInt8(ascii: "]") {
                    self.i += 1
                    open -= 1
                    continue
                }
                throw .syntax("expected ',' or the end of a container at byte \(self.i)")
            }
        }
    }

    /// A key and its colon inside a skipped object.
    private mutating func skipKey() throws(FastJSONError) {
        guard self.peek() == UInt8(ascii: "\"") else { throw .syntax("expected a key at byte \(self.i)") }
        try self.validateString(try self.scanString())
        guard self.peek() == UInt8(ascii: ":") else { throw .syntax("expected ':' at byte \(self.i)") }
        self.i += 1
    }

    /// Whether `bytes` is one valid JSON value (with optional whitespace and byte order mark),
    /// by the rules of the skipper. Used to tell syntax errors from shape errors.
    static func isValidJSON(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var reader = JSONReader(base, count: bytes.count)
        reader.skipByteOrderMark()
        do throws(FastJSONError) {
            try reader.skipValue(depth: 0)
            try reader.expectEnd()
            return true
        } catch {
            // An overlong number is valid JSON that we refuse to read.
            return error.kind != .syntax
        }
    }

    /// Whether `bytes` contain a number token longer than ``maxNumberLength`` outside strings
    /// (a line Foundation must not see: its integer decoding traps on some such tokens).
    static func hasOverlongNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        let n = bytes.count
        var i = 0
        var run = 0
        while i < n {
            let byte = base[i]
            i += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                run += 1
                if run > Self.maxNumberLength { return true }
            case UInt8(ascii: "\""):
                run = 0
                // Skip the string, eight bytes at a time while none is a quote or a backslash.
                while i < n {
                    while i + 8 <= n {
                        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let quote = w ^ 0x2222_2222_2222_2222
                        let slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                        let t = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                        if t & 0x8080_8080_8080_8080 != 0 { break }
                        i += 8
                    }
                    guard i < n else { break }
                    let c = base[i]
                    i += 1
                    if c == UInt8(ascii: "\\") {
                        i += 1
                    } else if c == UInt8(ascii: "\"") {
                        break
                    }
                }
            default: run = 0
            }
        }
        return false
    }
}

/// A growable output buffer of bytes, handed to `Data` without a copy.
struct JSONWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    /// Gives the bytes to a `Data` (which frees them). The writer must not be used afterwards.
    func finish() -> Data {
        Data(bytesNoCopy: self.base, count: self.count, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    /// Frees the bytes (after an error).
    func discard() { self.base.deallocate() }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if self.count + extra > self.capacity { self.grow(self.count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var capacity = self.capacity * 2
        while capacity < needed { capacity *= 2 }
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        base.update(from: self.base, count: self.count)
        self.base.deallocate()
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        self.reserve(1)
        self.base[self.count] = b
        self.count += 1
    }

    /// `key` (with its leading comma, quotes and colon) and the string, when there is one: an optional member,
    /// omitted when nil as `JSONEncoder` omits it.
    @inline(__always)
    mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.raw(key)
        self.string(value)
    }

    /// Writes ASCII punctuation and keys as they are.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        self.reserve(n)
        (self.base + self.count).update(from: text.utf8Start, count: n)
        self.count += n
    }

    @inline(__always)
    mutating func int(_ value: Int) {
        self.reserve(20)
        var magnitude = value.magnitude
        if value < 0 {
            self.base[self.count] = UInt8(ascii: "-")
            self.count += 1
        }
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var p = self.count + digits
        self.count = p
        repeat {
            p -= 1
            self.base[p] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// As Foundation writes a `Double`: its shortest description, without a trailing `.0`.
    /// - Parameter path: where the value sits (`quantities.3.value`), for the error's coding path.
    mutating func double(_ value: Double, path: [String] = []) throws(EncodingError) {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: path.map(PathKey.init), debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { bytes in
            self.reserve(bytes.count)
            (self.base + self.count).update(from: bytes.baseAddress!, count: bytes.count)
            self.count += bytes.count
        }
    }

    /// A JSON string, escaped as Foundation does with `.withoutEscapingSlashes`: `\"`, `\\`,
    /// `\b \f \n \r \t`, other control characters as `\u00xx`; everything else as it is.
    @inline(__always)
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { self.escaped($0) }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        self.reserve(n + 2)
        self.base[self.count] = UInt8(ascii: "\"")
        self.count += 1
        guard let source = bytes.baseAddress else {
            self.base[self.count] = UInt8(ascii: "\"")
            self.count += 1
            return
        }
        var runStart = 0
        var j = 0
        while true {
            while j + 8 <= n, !HeaderScanner.hasQuoteBackslashOrControl(
                UnsafeRawPointer(source + j).loadUnaligned(as: UInt64.self))
            {
                j += 8
            }
            while j < n {
                let b = source[j]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                j += 1
                if j & 7 == 0 { break }
            }
            if j >= n { break }
            let b = source[j]
            guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 else { continue }
            // Copy the run before the byte, then its escape.
            let run = j - runStart
            self.reserve(run + 6 + (n - j))
            (self.base + self.count).update(from: source + runStart, count: run)
            self.count += run
            var escape: (UInt8, UInt8) = (UInt8(ascii: "\\"), 0)
            switch b {
            case UInt8(ascii: "\""): escape.1 = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): escape.1 = UInt8(ascii: "\\")
            case 0x08: escape.1 = UInt8(ascii: "b")
            case 0x0C: escape.1 = UInt8(ascii: "f")
            case 0x0A: escape.1 = UInt8(ascii: "n")
            case 0x0D: escape.1 = UInt8(ascii: "r")
            case 0x09: escape.1 = UInt8(ascii: "t")
            default: break
            }
            if escape.1 != 0 {
                self.base[self.count] = escape.0
                self.base[self.count + 1] = escape.1
                self.count += 2
            } else {
                let hex = Self.hexDigits.utf8Start
                self.base[self.count] = UInt8(ascii: "\\")
                self.base[self.count + 1] = UInt8(ascii: "u")
                self.base[self.count + 2] = UInt8(ascii: "0")
                self.base[self.count + 3] = UInt8(ascii: "0")
                self.base[self.count + 4] = hex[Int(b >> 4)]
                self.base[self.count + 5] = hex[Int(b & 0xF)]
                self.count += 6
            }
            j += 1
            runStart = j
        }
        let run = n - runStart
        self.reserve(run + 1)
        (self.base + self.count).update(from: source + runStart, count: run)
        self.count += run
        self.base[self.count] = UInt8(ascii: "\"")
        self.count += 1
    }
}

/// A coding-path component for errors of the hand-written encoder.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int? { Int(self.stringValue) }
    init(_ name: String) { self.stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue) }
}
