/// Plain-text tables for humans.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String?...) { self.rows.append(cells.map { $0 ?? "-" }) }

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
