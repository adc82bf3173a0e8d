/// What an article page says, read from its HTML: the article's text and what its head tells of it.
public struct HTMLPage: Sendable, Equatable {
    /// The article's text: paragraphs separated by a blank line, whitespace collapsed, entities decoded.
    public var text: String
    /// `og:title`, else `<title>`.
    public var title: String?
    /// ISO `YYYY-MM-DD`: `article:published_time`, else JSON-LD `datePublished`, else a `datePublished`/`date`
    /// meta, else the first `<time datetime>` of the article (or of the page).
    public var published: String?
    /// `<link rel="canonical">`, else `og:url`.
    public var url: String?
    /// `og:site_name`.
    public var siteName: String?

    public init(text: String, title: String? = nil, published: String? = nil, url: String? = nil, siteName: String? = nil) {
        self.text = text
        self.title = title
        self.published = published
        self.url = url
        self.siteName = siteName
    }

    /// Reads `html` (UTF-8; invalid bytes become U+FFFD) in one pass. Work is linear in its length: each byte is
    /// looked at a bounded number of times, the open elements are at most ``maxOpenElements`` deep, attributes
    /// at most ``maxAttributes`` a tag, entities at most 32 bytes.
    ///
    /// Left out of the text: `script`, `style`, `nav`, `header`, `footer`, `aside`, `form`, `noscript`,
    /// `iframe`, `svg` and the like, elements whose `class` or `id` has a word starting with share, social,
    /// comment (not commentary), related, newsletter, cookie, menu, breadcrumb, promo, advert, subscribe or
    /// signup, elements with a navigation/banner/contentinfo/complementary/search `role`, and hidden ones. When the
    /// page has an `<article>`, its text is the longest article's; else `<main>`'s; else the body's.
    public static func read(_ html: some Collection<UInt8>) -> HTMLPage {
        var scanner = HTMLScanner(Array(html))
        scanner.run()
        return scanner.page()
    }

    public static let maxOpenElements = 256
    public static let maxAttributes = 32
}

/// The text of one region of the page, whitespace collapsed and blocks separated.
struct TextBuilder {
    var bytes: [UInt8] = []
    /// 0: nothing pending, 1: a space, 2: a line break, 3: a paragraph break.
    var pending = 0

    mutating func append(_ b: UInt8) {
        if !self.bytes.isEmpty {
            switch self.pending {
            case 3: self.bytes += [0x0A, 0x0A]
            case 2: self.bytes.append(0x0A)
            case 1: self.bytes.append(0x20)
            default: break
            }
        }
        self.pending = 0
        self.bytes.append(b)
    }

    mutating func space() { self.pending = max(self.pending, 1) }
    mutating func lineBreak() { self.pending = max(self.pending, 2) }
    mutating func paragraph() { self.pending = 3 }
    var isEmpty: Bool { self.bytes.isEmpty }
    var string: String { String(decoding: self.bytes, as: UTF8.self) }
}

struct HTMLScanner {
    let b: [UInt8]
    var i = 0

    struct Open {
        var name: [UInt8]
        /// This element starts a dropped region.
        var drops: Bool
        var isArticle: Bool
        var isMain: Bool
    }

    var stack: [Open] = []
    /// Index in `stack` of the outermost dropped element, while inside one.
    var droppedAt: Int?
    var articleDepth = 0
    var mainDepth = 0

    var body = TextBuilder()
    var main = TextBuilder()
    var article = TextBuilder()
    var bestArticle: [UInt8] = []

    var titleTag: String?
    var ogTitle: String?
    var publishedMeta: String?
    var dateMeta: String?
    var jsonLDDate: String?
    var articleTime: String?
    var pageTime: String?
    var canonical: String?
    var ogURL: String?
    var siteName: String?

    init(_ bytes: [UInt8]) { self.b = bytes }

    var dropping: Bool { self.droppedAt != nil }

    // MARK: the pass

    mutating func run() {
        let n = self.b.count
        while self.i < n {
            let c = self.b[self.i]
            if c == UInt8(ascii: "<"), self.i + 1 < n {
                let next = self.b[self.i + 1]
                if next == UInt8(ascii: "!") {
                    self.skipDeclaration()
                    continue
                }
                if next == UInt8(ascii: "?") {
                    self.skip(past: UInt8(ascii: ">"))
                    continue
                }
                if next == UInt8(ascii: "/"), self.i + 2 < n, Self.isLetter(self.b[self.i + 2]) {
                    self.endTag()
                    continue
                }
                if Self.isLetter(next) {
                    self.startTag()
                    continue
                }
            }
            if c == UInt8(ascii: "&") {
                self.entity()
                continue
            }
            self.text(c)
            self.i += 1
        }
    }

    /// `<!-- … -->`, `<![CDATA[ … ]]>` (dropped), `<!DOCTYPE …>`.
    mutating func skipDeclaration() {
        if self.hasPrefix("<!--", at: self.i) {
            self.i += 4
            self.skip(pastSequence: Array("-->".utf8))
        } else if self.hasPrefix("<![CDATA[", at: self.i) {
            self.i += 9
            self.skip(pastSequence: Array("]]>".utf8))
        } else {
            self.skip(past: UInt8(ascii: ">"))
        }
    }

    mutating func skip(past byte: UInt8) {
        while self.i < self.b.count, self.b[self.i] != byte { self.i += 1 }
        self.i = min(self.b.count, self.i + 1)
    }

    /// Moves past the first occurrence of `sequence` (or to the end). Linear: the sequences here repeat no prefix.
    mutating func skip(pastSequence s: [UInt8]) {
        while self.i < self.b.count {
            if self.b[self.i] == s[0], self.hasPrefix(s, at: self.i) {
                self.i += s.count
                return
            }
            self.i += 1
        }
    }

    func hasPrefix(_ s: String, at k: Int) -> Bool { self.hasPrefix(Array(s.utf8), at: k) }

    func hasPrefix(_ s: [UInt8], at k: Int) -> Bool {
        guard k + s.count <= self.b.count else { return false }
        for j in 0..<s.count where self.b[k + j] != s[j] { return false }
        return true
    }

    // MARK: text

    mutating func text(_ c: UInt8) {
        if self.dropping { return }
        if Self.isSpace(c) {
            self.each { $0.space() }
        } else if c == 0xC2, self.i + 1 < self.b.count, self.b[self.i + 1] == 0xA0 {
            // a no-break space, written as UTF-8: a space like the others
            self.i += 1
            self.each { $0.space() }
        } else {
            self.each { $0.append(c) }
        }
    }

    mutating func emit(_ scalar: Unicode.Scalar) {
        if self.dropping { return }
        if scalar == "\u{A0}" || scalar.properties.isWhitespace {
            self.each { $0.space() }
            return
        }
        if scalar == "\u{AD}" { return }  // soft hyphen
        for byte in String(scalar).utf8 { self.each { $0.append(byte) } }
    }

    /// Applies `f` to the builders of the regions the scanner is in.
    mutating func each(_ f: (inout TextBuilder) -> Void) {
        f(&self.body)
        if self.mainDepth > 0 { f(&self.main) }
        if self.articleDepth > 0 { f(&self.article) }
    }

    mutating func block() {
        if self.dropping { return }
        self.each { $0.paragraph() }
    }

    /// `&name;`, `&#NNN;`, `&#xHHH;` at `i`; a `&` that starts none of them is text.
    mutating func entity() {
        if let (scalar, length) = Self.decodeEntity(self.b, at: self.i) {
            self.i += length
            self.emit(scalar)
        } else {
            self.text(UInt8(ascii: "&"))
            self.i += 1
        }
    }

    /// The character of the entity at `k` (which holds `&`) and its length in bytes.
    static func decodeEntity(_ b: [UInt8], at k: Int) -> (Unicode.Scalar, Int)? {
        var j = k + 1
        let limit = min(b.count, k + 32)
        if j < limit, b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < limit, b[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            let start = j
            var value: UInt32 = 0
            while j < limit, let d = Self.digitValue(b[j], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ d, 0x11_0000)
                j += 1
            }
            guard j > start else { return nil }
            if j < b.count, b[j] == UInt8(ascii: ";") { j += 1 }
            let scalar = value == 0 ? nil : Self.windows1252(value) ?? Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", j - k)
        }
        let start = j
        while j < limit, Self.isLetter(b[j]) || Self.isDigit(b[j]) { j += 1 }
        guard j > start else { return nil }
        let name = String(decoding: b[start..<j], as: UTF8.self)
        let terminated = j < b.count && b[j] == UInt8(ascii: ";")
        // Without `;`, only the few that pages write bare.
        guard let value = HTMLEntities.named[name], terminated || ["amp", "lt", "gt", "quot", "nbsp"].contains(name)
        else { return nil }
        return (value, j - k + (terminated ? 1 : 0))
    }

    /// Numeric references 128–159 mean Windows-1252 characters (as browsers read them).
    static func windows1252(_ v: UInt32) -> Unicode.Scalar? {
        guard (0x80...0x9F).contains(v) else { return nil }
        let table: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
            0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(v - 0x80)])
    }

    // MARK: tags

    struct Tag {
        var name: [UInt8] = []
        var attributes: [(name: [UInt8], value: ArraySlice<UInt8>)] = []
        var selfClosing = false

        func attribute(_ name: String) -> ArraySlice<UInt8>? {
            let n = Array(name.utf8)
            return self.attributes.first(where: { $0.name == n })?.value
        }

        func has(_ name: String) -> Bool { self.attribute(name) != nil }
    }

    /// Reads a tag name at `i` (lowercased ASCII; at most 32 bytes kept).
    mutating func tagName() -> [UInt8] {
        var name: [UInt8] = []
        while self.i < self.b.count {
            let c = self.b[self.i]
            if Self.isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") { break }
            if name.count < 32 { name.append(Self.lower(c)) }
            self.i += 1
        }
        return name
    }

    /// The tag at `i` (`<` then a letter); leaves `i` past its `>`.
    mutating func readTag() -> Tag {
        var tag = Tag()
        self.i += 1
        tag.name = self.tagName()
        let n = self.b.count
        while self.i < n {
            let c = self.b[self.i]
            if c == UInt8(ascii: ">") {
                self.i += 1
                return tag
            }
            if Self.isSpace(c) {
                self.i += 1
                continue
            }
            if c == UInt8(ascii: "/") {
                self.i += 1
                if self.i < n, self.b[self.i] == UInt8(ascii: ">") {
                    tag.selfClosing = true
                }
                continue
            }
            // an attribute name
            var name: [UInt8] = []
            while self.i < n {
                let a = self.b[self.i]
                if Self.isSpace(a) || a == UInt8(ascii: "=") || a == UInt8(ascii: ">") || (a == UInt8(ascii: "/") && !name.isEmpty) {
                    break
                }
                if name.count < 32 { name.append(Self.lower(a)) }
                self.i += 1
            }
            while self.i < n, Self.isSpace(self.b[self.i]) { self.i += 1 }
            var value: ArraySlice<UInt8> = []
            if self.i < n, self.b[self.i] == UInt8(ascii: "=") {
                self.i += 1
                while self.i < n, Self.isSpace(self.b[self.i]) { self.i += 1 }
                if self.i < n, self.b[self.i] == UInt8(ascii: "\"") || self.b[self.i] == UInt8(ascii: "'") {
                    let quote = self.b[self.i]
                    let start = self.i + 1
                    self.i = start
                    while self.i < n, self.b[self.i] != quote { self.i += 1 }
                    value = self.b[start..<self.i]
                    self.i = min(n, self.i + 1)
                } else {
                    let start = self.i
                    while self.i < n, !Self.isSpace(self.b[self.i]), self.b[self.i] != UInt8(ascii: ">") { self.i += 1 }
                    value = self.b[start..<self.i]
                }
            }
            if tag.attributes.count < HTMLPage.maxAttributes { tag.attributes.append((name, value)) }
        }
        return tag
    }

    static let void: Set<[UInt8]> = Self.names(
        "area base br col embed hr img input link meta param source track wbr keygen basefont bgsound frame")
    /// Their content is text up to their end tag (not markup).
    static let rawText: Set<[UInt8]> = Self.names("script style title textarea xmp noscript iframe noembed noframes")
    static let dropped: Set<[UInt8]> = Self.names(
        "script style nav header footer aside form noscript iframe svg math button select template dialog menu object canvas audio video")
    static let blocks: Set<[UInt8]> = Self.names(
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote section article main pre table tr td th caption figure figcaption address hr br details summary center body html")
    /// Words of a class or id that mark what is not the article (a word starting with one of them).
    static let signals = ["share", "social", "comment", "related", "newsletter", "cookie", "menu", "breadcrumb",
                          "promo", "advert", "subscribe", "signup", "sharing"]
    static let roles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"]

    mutating func startTag() {
        let tag = self.readTag()
        let name = tag.name
        self.head(tag)
        if Self.rawText.contains(name) && !tag.selfClosing {
            self.rawContent(tag)
            return
        }
        if name == Array("br".utf8) {
            if !self.dropping { self.each { $0.lineBreak() } }
            return
        }
        if Self.void.contains(name) || tag.selfClosing {
            if Self.blocks.contains(name) { self.block() }
            return
        }
        if name == Array("time".utf8), let dt = tag.attribute("datetime") { self.time(dt) }
        // An open `p` (or `li`, …) ends where its like starts: pages leave them unclosed.
        if let top = self.stack.last?.name, top == name, Self.selfNesting.contains(name) { self.pop(to: self.stack.count - 1) }
        if Self.blocks.contains(name) { self.block() }
        guard self.stack.count < HTMLPage.maxOpenElements else { return }
        let drops = !self.dropping && self.drops(tag)
        let isArticle = name == Array("article".utf8) && !self.dropping && !drops
        let isMain = name == Array("main".utf8) && !self.dropping && !drops
        if drops { self.droppedAt = self.stack.count }
        if isArticle {
            if self.articleDepth == 0 { self.article = TextBuilder() }
            self.articleDepth += 1
        }
        if isMain { self.mainDepth += 1 }
        self.stack.append(Open(name: name, drops: drops, isArticle: isArticle, isMain: isMain))
    }

    static let selfNesting: Set<[UInt8]> = Self.names("p li dt dd option tr td th")

    func drops(_ tag: Tag) -> Bool {
        if Self.dropped.contains(tag.name) { return true }
        if tag.has("hidden") { return true }
        if let v = tag.attribute("aria-hidden"), Self.lowered(v) == "true" { return true }
        if let v = tag.attribute("role"), Self.roles.contains(Self.lowered(v)) { return true }
        for attribute in ["class", "id"] {
            guard let v = tag.attribute(attribute) else { continue }
            for word in Self.lowered(v.prefix(512)).split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                if word.hasPrefix("commentary") { continue }
                if Self.signals.contains(where: { word.hasPrefix($0) }) { return true }
            }
        }
        return false
    }

    mutating func endTag() {
        self.i += 2
        let name = self.tagName()
        self.skip(past: UInt8(ascii: ">"))
        if name == Array("br".utf8) {
            if !self.dropping { self.each { $0.lineBreak() } }
            return
        }
        // The nearest open element of that name (bounded by the stack's depth); a stray end tag closes nothing.
        guard let k = self.stack.lastIndex(where: { $0.name == name }) else {
            if Self.blocks.contains(name) { self.block() }
            return
        }
        self.pop(to: k)
        if Self.blocks.contains(name) { self.block() }
    }

    /// Closes the elements from the top of the stack down to index `k`.
    mutating func pop(to k: Int) {
        while self.stack.count > k {
            let open = self.stack.removeLast()
            if Self.blocks.contains(open.name) { self.block() }
            if open.isMain { self.mainDepth -= 1 }
            if open.isArticle {
                self.articleDepth -= 1
                if self.articleDepth == 0, self.article.bytes.count > self.bestArticle.count {
                    self.bestArticle = self.article.bytes
                }
            }
            if let d = self.droppedAt, self.stack.count <= d { self.droppedAt = nil }
        }
    }

    /// The content of a raw-text element, up to its end tag: the title, or JSON-LD's `datePublished`; else dropped.
    mutating func rawContent(_ tag: Tag) {
        let start = self.i
        let close = [UInt8(ascii: "<"), UInt8(ascii: "/")] + tag.name
        var end = self.b.count
        var k = self.i
        while k < self.b.count {
            if self.b[k] == UInt8(ascii: "<"), k + close.count <= self.b.count, self.matchesLowered(close, at: k) {
                let after = k + close.count
                if after == self.b.count || Self.isSpace(self.b[after]) || self.b[after] == UInt8(ascii: ">")
                    || self.b[after] == UInt8(ascii: "/")
                {
                    end = k
                    break
                }
            }
            k += 1
        }
        let content = self.b[start..<end]
        self.i = end
        if end < self.b.count {
            self.i = end + 2
            _ = self.tagName()
            self.skip(past: UInt8(ascii: ">"))
        }
        if tag.name == Array("title".utf8), self.titleTag == nil, !self.dropping {  // not an svg's title
            self.titleTag = Self.cleanText(content)
        } else if tag.name == Array("script".utf8), let type = tag.attribute("type"), Self.lowered(type).contains("ld+json"),
            self.jsonLDDate == nil
        {
            self.jsonLDDate = Self.jsonLDDatePublished(content)
        }
        // Raw-text elements add no text (a textarea's is a form's).
    }

    func matchesLowered(_ s: [UInt8], at k: Int) -> Bool {
        for j in 0..<s.count where Self.lower(self.b[k + j]) != s[j] { return false }
        return true
    }

    /// What the head (or a tag anywhere) says of the page.
    mutating func head(_ tag: Tag) {
        if tag.name == Array("meta".utf8), let content = tag.attribute("content") {
            let key = Self.lowered(tag.attribute("property") ?? tag.attribute("name") ?? tag.attribute("itemprop") ?? [])
            switch key {
            case "og:title": if self.ogTitle == nil { self.ogTitle = Self.cleanText(content) }
            case "article:published_time", "og:article:published_time":
                if self.publishedMeta == nil { self.publishedMeta = PublishedDate.normalise(Self.attributeText(content)) }
            case "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date":
                if self.dateMeta == nil { self.dateMeta = PublishedDate.normalise(Self.attributeText(content)) }
            case "og:url": if self.ogURL == nil { self.ogURL = Self.attributeText(content) }
            case "og:site_name": if self.siteName == nil { self.siteName = Self.cleanText(content) }
            default: break
            }
        } else if tag.name == Array("link".utf8), let rel = tag.attribute("rel"), Self.lowered(rel) == "canonical",
            let href = tag.attribute("href"), self.canonical == nil
        {
            self.canonical = Self.attributeText(href)
        }
    }

    mutating func time(_ datetime: ArraySlice<UInt8>) {
        guard let d = PublishedDate.normalise(Self.attributeText(datetime)) else { return }
        if self.articleDepth > 0 || self.mainDepth > 0 {
            if self.articleTime == nil { self.articleTime = d }
        } else if !self.dropping, self.pageTime == nil {
            self.pageTime = d
        }
    }

    /// The value of the first `"datePublished": "…"` in a JSON-LD block.
    static func jsonLDDatePublished(_ s: ArraySlice<UInt8>) -> String? {
        let key = Array("\"datePublished\"".utf8)
        var k = s.startIndex
        while k + key.count <= s.endIndex {
            if s[k] == key[0], s[k..<k + key.count].elementsEqual(key) {
                var j = k + key.count
                while j < s.endIndex, Self.isSpace(s[j]) { j += 1 }
                guard j < s.endIndex, s[j] == UInt8(ascii: ":") else { k += 1; continue }
                j += 1
                while j < s.endIndex, Self.isSpace(s[j]) { j += 1 }
                guard j < s.endIndex, s[j] == UInt8(ascii: "\"") else { k += 1; continue }
                let start = j + 1
                var e = start
                while e < s.endIndex, e - start <= PublishedDate.maxBytes, s[e] != UInt8(ascii: "\"") { e += 1 }
                if let d = PublishedDate.normalise(String(decoding: s[start..<e], as: UTF8.self)) { return d }
                k = e
                continue
            }
            k += 1
        }
        return nil
    }

    // MARK: the result

    func page() -> HTMLPage {
        var bestArticle = self.bestArticle
        if self.articleDepth > 0, self.article.bytes.count > bestArticle.count { bestArticle = self.article.bytes }  // never closed
        let text: [UInt8] = !bestArticle.isEmpty ? bestArticle : !self.main.isEmpty ? self.main.bytes : self.body.bytes
        let title = [self.ogTitle, self.titleTag].compactMap { $0 }.first(where: { !$0.isEmpty })
        let published = self.publishedMeta ?? self.jsonLDDate ?? self.dateMeta ?? self.articleTime ?? self.pageTime
        let url = [self.canonical, self.ogURL].compactMap { $0 }.first(where: { !$0.isEmpty })
        return HTMLPage(
            text: String(decoding: text, as: UTF8.self), title: title, published: published, url: url,
            siteName: self.siteName.flatMap { $0.isEmpty ? nil : $0 })
    }

    // MARK: bytes

    /// Text with entities decoded and whitespace collapsed (a title, an attribute).
    static func cleanText(_ s: ArraySlice<UInt8>) -> String {
        let bytes = Array(s.prefix(4096))
        var out = TextBuilder()
        var k = 0
        while k < bytes.count {
            let c = bytes[k]
            if c == UInt8(ascii: "&"), let (scalar, length) = Self.decodeEntity(bytes, at: k) {
                if scalar == "\u{A0}" || scalar.properties.isWhitespace {
                    out.space()
                } else {
                    for byte in String(scalar).utf8 { out.append(byte) }
                }
                k += length
                continue
            }
            if Self.isSpace(c) { out.space() } else { out.append(c) }
            k += 1
        }
        return out.string
    }

    static func attributeText(_ s: ArraySlice<UInt8>) -> String { Self.cleanText(s) }

    static func names(_ s: String) -> Set<[UInt8]> { Set(s.split(separator: " ").map { Array($0.utf8) }) }
    static func lowered(_ s: ArraySlice<UInt8>) -> String { String(decoding: s.map(Self.lower), as: UTF8.self) }
    static func lowered(_ s: [UInt8]) -> String { Self.lowered(s[...]) }
    static func lower(_ c: UInt8) -> UInt8 { c &- UInt8(ascii: "A") < 26 ? c | 0x20 : c }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- UInt8(ascii: "a") < 26 }
    static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }

    static func digitValue(_ c: UInt8, hex: Bool) -> UInt32? {
        if Self.isDigit(c) { return UInt32(c - UInt8(ascii: "0")) }
        if hex, (c | 0x20) &- UInt8(ascii: "a") < 6 { return UInt32((c | 0x20) - UInt8(ascii: "a") + 10) }
        return nil
    }
}
