import AttacheContracts
import AttacheExtraction

/// Digest a text with an id, optionally with a publication date.
func digest(_ text: String, published: String? = nil) -> Digest {
    Extractor().digest(DocumentInput(id: "test.txt", text: text, published: published))
}

func person(_ d: Digest, _ name: String) -> Person? {
    d.persons.first { $0.name == name || $0.aliases.contains(name) }
}

func organization(_ d: Digest, _ name: String) -> Organization? {
    d.organizations.first { $0.name == name || $0.aliases.contains(name) }
}

func events(_ d: Digest, _ type: String) -> [Event] {
    d.events.filter { $0.type == type }
}

func hasEvent(_ d: Digest, _ type: String, _ source: String?, _ target: String?) -> Bool {
    d.events.contains { $0.type == type && $0.source == source && $0.target == target }
}

/// The text of a half-open Unicode-scalar range.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[start..<end])
    return String(v)
}

/// `sentence` as a document of two sentences: the tests that read the several acts of one sentence read it as a
/// document does (a text of one sentence alone is coded as PLOVER codes a sentence, its main act only).
func inDocument(_ sentence: String) -> String {
    sentence + " The statement gave no further details."
}
