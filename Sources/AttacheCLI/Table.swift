import Foundation

/// Plain-text tables for humans.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    /// Adds a row; control characters in the cells are shown escaped (``Terminal/safe(_:keep:)``).
    mutating func add(_ cells: String?...) { self.rows.append(cells.map { $0.map { Terminal.safe($0) } ?? "-" }) }

    func render(maxWidth: Int = 60) -> String {
        func clip(_ s: String) -> String { s.count > maxWidth ? String(s.prefix(maxWidth - 1)) + "…" : s }
        let all = [self.headers] + self.rows.map { $0.map(clip) }
        var widths = [Int](repeating: 0, count: self.headers.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        var out = [line(self.headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += self.rows.map { line($0.map(clip)) }
        if self.rows.isEmpty { out.append("(none)") }
        return out.joined(separator: "\n")
    }
}

/// What may reach a terminal from stored text.
enum Terminal {
    /// `text` with every character that could drive a terminal or reorder what it shows written as an escape
    /// (`\x1B`, `\u{202E}`): C0 controls (except those in `keep`), DEL, C1 controls, and Unicode's bidirectional
    /// formatting and line/paragraph separators. Stored text comes from documents anyone may push; printed raw,
    /// an escape sequence in it could rewrite the screen or the terminal's title.
    static func safe(_ text: String, keep: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { Self.isUnsafe($0) && !keep.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if Self.isUnsafe(scalar) && !keep.contains(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value <= 0xFF ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON line with the characters ``safe(_:keep:)`` escapes written as `\uXXXX` escapes: the same JSON
    /// (such characters can only be inside its strings), inert on a terminal.
    static func jsonSafe(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: Self.isUnsafe) else { return line }
        var out = ""
        for scalar in line.unicodeScalars {
            if Self.isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether standard output is a terminal (exports are written raw to files and pipes).
    static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}
