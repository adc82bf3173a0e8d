/// A document as pushed by a client.
public struct DocumentInput: Codable, Sendable, Equatable {
    /// Client-chosen id, unique per document (for files: the file name). 1...512 bytes.
    public var id: String
    /// The text, UTF-8. At most ``Limits/maxDocumentBytes`` bytes.
    public var text: String
    /// Publication date `YYYY-MM-DD`, if known. When absent, a `date YYYY-MM-DD` first line of the text is used.
    public var published: String?
    /// Where it came from (a site's domain, a feed name).
    public var source: String?
    public var title: String?
    /// The address the document was read from, when known (a crawled page's URL). Optional: older clients
    /// do not send it.
    public var url: String?
    public init(
        id: String, text: String, published: String? = nil, source: String? = nil, title: String? = nil, url: String? = nil
    ) {
        self.id = id
        self.text = text
        self.published = published
        self.source = source
        self.title = title
        self.url = url
    }
}
