import AttacheContracts
import Foundation

/// A record that cannot become a document, and why. It is reported with the push's refusals, never dropped.
public struct RecordRefusal: Error, Sendable, Equatable {
    /// Which record: `file.jsonl:17` (file and line), `page.html`, `stdin:3`.
    public var record: String
    /// Why, in words (`no text: …`).
    public var reason: String
    public init(record: String, reason: String) {
        self.record = record
        self.reason = reason
    }
}

/// One record read: a document to push, or a refusal.
public enum RecordResult: Sendable, Equatable {
    case document(DocumentInput)
    case refused(RecordRefusal)

    public var document: DocumentInput? {
        if case .document(let d) = self { return d }
        return nil
    }

    public var refusal: RecordRefusal? {
        if case .refused(let r) = self { return r }
        return nil
    }
}

/// Crawler output read into documents: news-please's JSON fields and their common aliases, one record per
/// `.json` file (or an array of them), one per line of `.jsonl`, and HTML pages. Pure: bytes in, records out.
public enum DocumentRecords {
    /// Bytes of one JSON record (a JSONL line, or an object in a `.json` file): the protocol's line limit.
    public static let maxRecordBytes = Limits.defaultMaxLineBytes
    /// Bytes of one `.json` file (which may hold an array of records).
    public static let maxJSONFileBytes = 64 << 20
    /// Bytes of one HTML page, markup included.
    public static let maxHTMLBytes = 8 << 20
    /// Arrays and objects nested in one record.
    public static let maxNesting = 64
    /// Bytes of a title, URL or source.
    public static let maxFieldBytes = 2048
    /// Bytes of a document id (as the protocol allows).
    public static let maxIDBytes = 512
    /// Bytes of a document's text: what an extractor takes by default.
    public static let maxTextBytes = Limits().maxDocumentBytes

    /// Where each field is read from, first match wins.
    public static let textKeys = ["maintext", "text", "content", "body"]
    public static let dateKeys = ["date_publish", "published", "date", "pub_date", "publishedAt", "published_at", "datePublished"]
    public static let titleKeys = ["title", "headline"]
    public static let urlKeys = ["url", "link"]
    public static let sourceKeys = ["source_domain", "source"]

    // MARK: JSON

    /// One JSON record (a JSONL line). `label` names it (`file.jsonl:17`) and is its id when it has no `id` or
    /// `url`.
    public static func jsonRecord(_ bytes: some Collection<UInt8>, label: String) -> RecordResult {
        guard bytes.count <= Self.maxRecordBytes else {
            return .refused(RecordRefusal(record: label, reason: "record is \(bytes.count) bytes, more than \(Self.maxRecordBytes)"))
        }
        switch Self.parse(Array(bytes), label: label) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let value):
            guard let object = value as? [String: Any] else {
                return .refused(RecordRefusal(record: label, reason: "not a JSON object"))
            }
            return Self.record(object, label: label)
        }
    }

    /// A `.json` file: one record (its id defaults to `name`), or an array of records (`name:1`, `name:2`, …).
    public static func jsonFile(_ bytes: [UInt8], name: String) -> [RecordResult] {
        guard bytes.count <= Self.maxJSONFileBytes else {
            return [.refused(RecordRefusal(record: name, reason: "file is \(bytes.count) bytes, more than \(Self.maxJSONFileBytes)"))]
        }
        switch Self.parse(bytes, label: name) {
        case .failure(let refusal): return [.refused(refusal)]
        case .success(let value):
            if let object = value as? [String: Any] {
                guard bytes.count <= Self.maxRecordBytes else {
                    return [.refused(RecordRefusal(record: name, reason: "record is \(bytes.count) bytes, more than \(Self.maxRecordBytes)"))]
                }
                return [Self.record(object, label: name)]
            }
            if let array = value as? [Any] {
                return array.enumerated().map { k, element in
                    let label = "\(name):\(k + 1)"
                    guard let object = element as? [String: Any] else {
                        return .refused(RecordRefusal(record: label, reason: "not a JSON object"))
                    }
                    return Self.record(object, label: label)
                }
            }
            return [.refused(RecordRefusal(record: name, reason: "neither a JSON object nor an array of objects"))]
        }
    }

    static func parse(_ bytes: [UInt8], label: String) -> Result<Any, RecordRefusal> {
        if let problem = Self.nestingProblem(bytes) { return .failure(RecordRefusal(record: label, reason: problem)) }
        do {
            return .success(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
        } catch {
            return .failure(RecordRefusal(record: label, reason: "not valid JSON"))
        }
    }

    /// Nesting deeper than ``maxNesting`` (counted outside strings), before any parser sees it.
    static func nestingProblem(_ bytes: [UInt8]) -> String? {
        var depth = 0
        var inString = false
        var escaped = false
        for c in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > Self.maxNesting { return "nested deeper than \(Self.maxNesting) levels" }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }

    /// A decoded record: its fields read through their aliases.
    public static func record(_ object: [String: Any], label: String) -> RecordResult {
        func refuse(_ reason: String) -> RecordResult { .refused(RecordRefusal(record: label, reason: reason)) }

        guard let text = Self.textKeys.lazy.compactMap({ object[$0] as? String }).first(where: { !Self.isBlank($0) }) else {
            return refuse("no text: none of \(Self.textKeys.joined(separator: ", ")) holds any")
        }
        let textBytes = text.utf8.count
        guard textBytes <= Self.maxTextBytes else {
            return refuse("text is \(textBytes) bytes, more than the \(Self.maxTextBytes) a document may have")
        }
        var fields: [String: String] = [:]
        for (name, keys) in [("title", Self.titleKeys), ("url", Self.urlKeys), ("source", Self.sourceKeys)] {
            guard let value = keys.lazy.compactMap({ Self.field(object[$0]) }).first else { continue }
            guard value.utf8.count <= Self.maxFieldBytes else {
                return refuse("\(name) is \(value.utf8.count) bytes, more than \(Self.maxFieldBytes)")
            }
            fields[name] = value
        }
        let published = Self.dateKeys.lazy.compactMap { key -> String? in
            switch object[key] {
            case let s as String: return PublishedDate.normalise(s)
            case let n as NSNumber: return PublishedDate.normalise(epoch: n.doubleValue)
            default: return nil
            }
        }.first
        let id: String
        if let given = object["id"], !(given is NSNull) {
            guard let value = Self.identifier(given), !value.isEmpty else { return refuse("id is neither a string nor an integer") }
            guard value.utf8.count <= Self.maxIDBytes else { return refuse("id is \(value.utf8.count) bytes, more than \(Self.maxIDBytes)") }
            id = value
        } else if let url = fields["url"], url.utf8.count <= Self.maxIDBytes {
            id = url
        } else {
            id = Self.fallbackID(label)
        }
        return .document(
            DocumentInput(id: id, text: text, published: published, source: fields["source"], title: fields["title"], url: fields["url"]))
    }

    /// A title, URL or source: a non-blank string (`"None"` is none), or a `{"name": …}` object (a source).
    static func field(_ value: Any?) -> String? {
        switch value {
        case let s as String:
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty || t == "None" || t == "null" ? nil : t
        case let o as [String: Any]: return Self.field(o["name"])
        default: return nil
        }
    }

    static func identifier(_ value: Any) -> String? {
        if let s = value as? String { return s.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let n = value as? NSNumber, let i = Int64(exactly: n.doubleValue) { return String(i) }
        return nil
    }

    /// A label as an id: its last 512 bytes at most (the end names the line).
    static func fallbackID(_ label: String) -> String {
        var id = Substring(label)
        while id.utf8.count > Self.maxIDBytes { id = id.dropFirst() }
        return String(id)
    }

    static func isBlank(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }

    // MARK: HTML

    /// An HTML page: the article's text (see ``HTMLPage/read(_:)``), its title, date and URL; the id is the
    /// canonical URL, else `name`; the source is the URL's host, else the page's site name.
    public static func htmlPage(_ bytes: [UInt8], name: String) -> RecordResult {
        guard bytes.count <= Self.maxHTMLBytes else {
            return .refused(RecordRefusal(record: name, reason: "page is \(bytes.count) bytes, more than \(Self.maxHTMLBytes)"))
        }
        let page = HTMLPage.read(bytes)
        guard !Self.isBlank(page.text) else {
            return .refused(RecordRefusal(record: name, reason: "no text: the page has no article text"))
        }
        guard page.text.utf8.count <= Self.maxTextBytes else {
            return .refused(RecordRefusal(
                record: name, reason: "text is \(page.text.utf8.count) bytes, more than the \(Self.maxTextBytes) a document may have"))
        }
        func bounded(_ s: String?) -> String? { s.flatMap { $0.isEmpty || $0.utf8.count > Self.maxFieldBytes ? nil : $0 } }
        let url = bounded(page.url)
        let id = url.flatMap { $0.utf8.count <= Self.maxIDBytes ? $0 : nil } ?? Self.fallbackID(name)
        return .document(
            DocumentInput(
                id: id, text: page.text, published: page.published, source: bounded(url.flatMap(Self.host) ?? page.siteName),
                title: bounded(page.title), url: url))
    }

    /// The host of an absolute URL, lowercased.
    public static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        var rest = url[scheme.upperBound...]
        if let at = rest.firstIndex(of: "@"), rest[..<at].allSatisfy({ $0 != "/" }) { rest = rest[rest.index(after: at)...] }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }
}

/// Splits a stream of bytes into lines, keeping at most `maxLineBytes` of one: a longer line is reported by
/// its length, not held. Lines end with `\n` (a `\r` before it is dropped); the last may end with the stream.
public struct LineSplitter {
    public enum Line: Sendable, Equatable {
        case bytes([UInt8])
        case tooLong(Int)
    }

    public let maxLineBytes: Int
    var current: [UInt8] = []
    var overflow = 0
    public private(set) var lineNumber = 0

    public init(maxLineBytes: Int = DocumentRecords.maxRecordBytes) { self.maxLineBytes = maxLineBytes }

    /// The lines `chunk` completes, with their 1-based numbers.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [(number: Int, line: Line)] {
        var out: [(number: Int, line: Line)] = []
        for c in chunk {
            if c == 0x0A {
                out.append(self.take())
            } else if self.overflow > 0 {
                self.overflow += 1
            } else if self.current.count < self.maxLineBytes {
                self.current.append(c)
            } else {
                self.overflow = self.current.count + 1
                self.current = []
            }
        }
        return out
    }

    /// The last line, when the stream did not end with `\n`.
    public mutating func finish() -> (number: Int, line: Line)? {
        self.current.isEmpty && self.overflow == 0 ? nil : self.take()
    }

    private mutating func take() -> (number: Int, line: Line) {
        self.lineNumber += 1
        defer {
            self.current = []
            self.overflow = 0
        }
        if self.overflow > 0 { return (self.lineNumber, .tooLong(self.overflow)) }
        if self.current.last == 0x0D { self.current.removeLast() }
        if self.lineNumber == 1, self.current.starts(with: [0xEF, 0xBB, 0xBF]) { self.current.removeFirst(3) }
        return (self.lineNumber, .bytes(self.current))
    }
}

extension DocumentRecords {
    /// One line of a JSONL stream: nil for a blank line (not a record).
    public static func jsonLine(_ line: LineSplitter.Line, number: Int, name: String) -> RecordResult? {
        let label = "\(name):\(number)"
        switch line {
        case .tooLong(let n):
            return .refused(RecordRefusal(record: label, reason: "line is \(n) bytes, more than \(Self.maxRecordBytes)"))
        case .bytes(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
            return Self.jsonRecord(bytes, label: label)
        }
    }
}
