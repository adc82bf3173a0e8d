import AttacheContracts
import Foundation
import GRDB

extension QueryEngine {
    /// `export --format graphml|dot` (`graph` `events`, the default): states as nodes, and one directed edge
    /// per (source, target) pair of the events that name both, weighted by their number: Gephi merges parallel
    /// edges, so each pair's events are summed here, once. Filtered like `events` (type, mode, states, pair,
    /// dates). Every attribute is declared with its type: nodes `label` (the state's name), `iso2`, `iso3`,
    /// `cow` and `gw` (Correlates of War and Gleditsch & Ward numbers, absent where the state has none),
    /// `events` (as source or target); edges `weight` (events), `quad1`…`quad4` (events per PLOVER quad class),
    /// `first` and `last` (dates). Refused with `TOO_EXPENSIVE` beyond `maxResultRows` nodes + edges or the
    /// reply budget.
    func exportStateGraph(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        var f = SQLFilter()
        f.add("e.source IS NOT NULL AND e.target IS NOT NULL")
        try self.eventFilter(p, &f, alias: "e", dateColumn: "e.effDate")
        let budget = self.maxResultRows
        func quad(_ q: Int) -> String {
            let types = Plover.quad.filter { $0.value == q }.keys.sorted().map { "'\($0)'" }.joined(separator: ",")
            return "SUM(CASE WHEN e.type IN (\(types)) THEN 1 ELSE 0 END)"
        }
        let edges = try Row.fetchAll(
            db,
            sql: """
                SELECT e.source, e.target, COUNT(*), \(quad(1)), \(quad(2)), \(quad(3)), \(quad(4)), MIN(e.effDate), MAX(e.effDate)
                FROM event e \(f.sql) GROUP BY e.source, e.target ORDER BY e.source, e.target LIMIT \(budget + 1)
                """, arguments: f.arguments)
        var involved: [String: Int] = [:]
        for e in edges {
            let n: Int = e[2]
            involved[e[0], default: 0] += n
            if (e[1] as String) != (e[0] as String) { involved[e[1], default: 0] += n }
        }
        let states = involved.keys.sorted()
        guard edges.count + states.count <= budget else {
            throw ErrorReply.tooExpensive("state graph has more than \(budget) nodes and edges; filter by date, type or state")
        }
        let format = p.format ?? "graphml"
        var out = ""
        func node(_ code: String) -> String { "s" + code.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        if format == "dot" {
            func q(_ s: String) -> String { Self.dotQuoted(s) }
            out += "digraph states {\n"
            for s in states {
                let c = CountryCodes.of(s)
                var attrs = "label=\(q(c?.name ?? s)), iso2=\(q(s))"
                if let a3 = c?.alpha3 { attrs += ", iso3=\(q(a3))" }
                if let cow = c?.cow { attrs += ", cow=\(cow)" }
                if let gw = c?.gw { attrs += ", gw=\(gw)" }
                out += "  \(node(s)) [\(attrs), events=\(involved[s] ?? 0)];\n"
            }
            for e in edges {
                out += "  \(node(e[0])) -> \(node(e[1])) [weight=\(e[2] as Int), quad1=\(e[3] as Int), quad2=\(e[4] as Int), "
                out += "quad3=\(e[5] as Int), quad4=\(e[6] as Int)"
                if let first = e[7] as String? { out += ", first=\(q(first))" }
                if let last = e[8] as String? { out += ", last=\(q(last))" }
                out += "];\n"
            }
            out += "}\n"
        } else {
            func x(_ s: String) -> String { Self.xmlEscaped(s) }
            out += Self.graphMLHead(
                [
                    ("label", "node", "string"), ("iso2", "node", "string"), ("iso3", "node", "string"), ("cow", "node", "int"),
                    ("gw", "node", "int"), ("events", "node", "int"), ("weight", "edge", "double"), ("quad1", "edge", "int"),
                    ("quad2", "edge", "int"), ("quad3", "edge", "int"), ("quad4", "edge", "int"), ("first", "edge", "string"),
                    ("last", "edge", "string"),
                ], graph: "states", directed: true)
            for s in states {
                let c = CountryCodes.of(s)
                out += "    <node id=\"\(node(s))\"><data key=\"label\">\(x(c?.name ?? s))</data><data key=\"iso2\">\(x(s))</data>"
                if let a3 = c?.alpha3 { out += "<data key=\"iso3\">\(x(a3))</data>" }
                if let cow = c?.cow { out += "<data key=\"cow\">\(cow)</data>" }
                if let gw = c?.gw { out += "<data key=\"gw\">\(gw)</data>" }
                out += "<data key=\"events\">\(involved[s] ?? 0)</data></node>\n"
            }
            for (i, e) in edges.enumerated() {
                out += "    <edge id=\"e\(i + 1)\" source=\"\(node(e[0]))\" target=\"\(node(e[1]))\"><data key=\"weight\">\(e[2] as Int)</data>"
                for k in 1...4 { out += "<data key=\"quad\(k)\">\(e[2 + k] as Int)</data>" }
                if let first = e[7] as String? { out += "<data key=\"first\">\(x(first))</data>" }
                if let last = e[8] as String? { out += "<data key=\"last\">\(x(last))</data>" }
                out += "</edge>\n"
            }
            out += "  </graph>\n</graphml>\n"
        }
        return try self.graphExport(out, format: format, count: states.count + edges.count, what: "state graph", narrow: "date, type or state")
    }
}
