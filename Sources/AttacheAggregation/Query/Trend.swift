import AttacheContracts
import GRDB

extension QueryEngine {
    /// `trend`: month by month between the two states of `pair`, each direction apart, the events per PLOVER
    /// quad class and per type, and a net cooperation index.
    ///
    /// Read from the timeline copies (`pairEvent`, keyed by the pair and the effective date), so a page reads
    /// only the pair's events of the months it returns, in key order, and stops at the first event of the
    /// month after its last (`limit` months with events).
    func trend(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        let (a, b) = try Validate.distinctPair(p.pair, for: "trend")
        var f = SQLFilter()
        addPairEventRange(&f, a, b, from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        if let t = try Validate.eventType(p.eventType) { f.add("p.type = ?", t) }
        if let c = p.cursor {
            let month = try Cursor.decode(c, "trend", count: 1)[0]
            f.add("p.effDate > ?", Self.afterMonth(month))
        }
        var months: [Month] = []
        var more = false
        try db.scanRows("SELECT p.effDate, p.source, p.target, p.type FROM pairEvent p \(f.sql) ORDER BY p.effDate", f.arguments) { row in
            let key = row.withBytes(0) { String(decoding: UnsafeBufferPointer(rebasing: $0.prefix(7)), as: UTF8.self) }
            if months.last?.key != key {
                if months.count == limit {
                    more = true
                    return false
                }
                months.append(Month(key: key))
            }
            months[months.count - 1].add(source: row.string(1), target: row.string(2), type: row.string(3))
            return true
        }
        var rows: [TrendRow] = []
        var cursors: [Int] = []
        for m in months {
            for (direction, counts) in m.directions.sorted(by: { $0.key < $1.key }) {
                rows.append(Self.row(month: m.key, source: direction.source, target: direction.target, counts: counts))
            }
            cursors.append(rows.count)
        }
        // Whole months only: a page cut by the reply budget ends after the last month that fits.
        let fitRows = self.budget.fit(rows.map(\.replySizeBound), cursors: rows.map { _ in PageBudget.cursor(["9999-99"]) })
        var kept = months.count
        while kept > 0 && cursors[kept - 1] > fitRows { kept -= 1 }
        if kept < months.count {
            guard kept > 0 else { throw ErrorReply.tooExpensive("one month of trend does not fit in a reply") }
            rows.removeLast(rows.count - cursors[kept - 1])
            more = true
        }
        let next = more && kept > 0 ? Cursor.encode("trend", [months[kept - 1].key]) : nil
        return QueryResult(next: next, trend: rows)
    }

    /// The smallest value above every effective date of `month` (`YYYY-MM` or `YYYY`): dates are ISO text, and
    /// `~` sorts after every digit and `-`. A year key stands for the dates that are only a year.
    static func afterMonth(_ month: String) -> String { month.utf8.count == 7 ? month + "~" : month }

    private struct Direction: Hashable, Comparable {
        let source: String
        let target: String
        static func < (l: Self, r: Self) -> Bool { (l.source, l.target) < (r.source, r.target) }
    }

    private struct Month {
        let key: String
        var directions: [Direction: [String: Int]] = [:]
        mutating func add(source: String, target: String, type: String) {
            self.directions[Direction(source: source, target: target), default: [:]][type, default: 0] += 1
        }
    }

    private static func row(month: String, source: String, target: String, counts: [String: Int]) -> TrendRow {
        var quads = [0, 0, 0, 0]
        var events = 0
        for (type, n) in counts {
            events += n
            if let q = Plover.quad[type] { quads[q - 1] += n }
        }
        let cooperation = quads[0] + quads[1], conflict = quads[2] + quads[3]
        return TrendRow(
            month: month, source: source, target: target, events: events, quads: quads,
            types: counts.sorted { $0.key < $1.key }.map { TrendTypeCount(type: $0.key, events: $0.value) },
            netCooperation: events == 0 ? 0 : Double(cooperation - conflict) / Double(events))
    }
}
