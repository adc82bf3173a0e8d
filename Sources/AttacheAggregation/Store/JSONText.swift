/// JSON text built by hand where a whole encoder is not needed: the stored event contexts, the PLOVER export's lines.
enum JSONText {
    /// `s` as a JSON string, `null` for nil: `\"`, `\\`, `\n`, `\r`, `\t`, the other control characters and the
    /// line and paragraph separators (U+2028, U+2029, which some line readers split on) as `\u00xx`; everything else
    /// as it is.
    static func quoted(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
