/// The named character references that news pages use: HTML 4's Latin-1 and typographic ones, and a few more.
/// An unknown name stays as written.
enum HTMLEntities {
    static let named: [String: Unicode.Scalar] = {
        var m: [String: Unicode.Scalar] = [:]
        // U+00A0…U+00FF in order
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute \
            micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig \
            Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash \
            Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc \
            euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml \
            yacute thorn yuml
            """
        for (k, name) in latin1.split(separator: " ").enumerated() { m[String(name)] = Unicode.Scalar(UInt32(0xA0 + k)) }
        let more: [(String, UInt32)] = [
            ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27), ("ndash", 0x2013), ("mdash", 0x2014),
            ("lsquo", 0x2018), ("rsquo", 0x2019), ("sbquo", 0x201A), ("ldquo", 0x201C), ("rdquo", 0x201D), ("bdquo", 0x201E),
            ("hellip", 0x2026), ("bull", 0x2022), ("prime", 0x2032), ("Prime", 0x2033), ("lsaquo", 0x2039), ("rsaquo", 0x203A),
            ("euro", 0x20AC), ("trade", 0x2122), ("dagger", 0x2020), ("Dagger", 0x2021), ("permil", 0x2030),
            ("ensp", 0x2002), ("emsp", 0x2003), ("thinsp", 0x2009), ("zwnj", 0x200C), ("zwj", 0x200D), ("lrm", 0x200E),
            ("rlm", 0x200F), ("minus", 0x2212), ("OElig", 0x152), ("oelig", 0x153), ("Scaron", 0x160), ("scaron", 0x161),
            ("Yuml", 0x178), ("fnof", 0x192), ("circ", 0x2C6), ("tilde", 0x2DC), ("larr", 0x2190), ("rarr", 0x2192),
            ("uarr", 0x2191), ("darr", 0x2193), ("Zcaron", 0x17D), ("zcaron", 0x17E), ("Ccaron", 0x10C), ("ccaron", 0x10D),
            ("Scedil", 0x15E), ("scedil", 0x15F), ("Lstrok", 0x141), ("lstrok", 0x142), ("imath", 0x131), ("Gbreve", 0x11E),
            ("gbreve", 0x11F), ("Dstrok", 0x110), ("dstrok", 0x111), ("Ecaron", 0x11A), ("ecaron", 0x11B),
            ("Rcaron", 0x158), ("rcaron", 0x159), ("NonBreakingSpace", 0xA0),
        ]
        for (name, value) in more { m[name] = Unicode.Scalar(value) }
        return m
    }()
}
