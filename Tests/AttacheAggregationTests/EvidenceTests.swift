import Foundation
import Testing

@testable import AttacheAggregation

/// A resolution's explanation kept as values (v32): each template writes the sentence v31 stored, byte for byte; a row
/// stores only what it does not imply; a stored sentence reads back into the template that writes it.
@Suite struct EvidenceTests {
    static func row(
        _ kind: String, _ rule: String, _ name: String, country: String? = nil, actorId: Int64 = 7, formKey: String? = nil,
        aliases: String? = nil
    ) -> Evidence.Row {
        Evidence.Row(kind: kind, rule: rule, name: name, country: country, actorId: actorId, formKey: formKey, aliases: aliases)
    }

    /// Every way in: stored against the row, read back from what is stored, read back from the sentence.
    static func check(_ e: Evidence, _ row: Evidence.Row, sentence: String, stored: String, parsedTheSame: Bool = true) {
        #expect(Evidence.same(e.sentence, sentence), "the sentence v31 stored: \(e.sentence)")
        #expect(e.stored(row) == stored)
        #expect(Evidence(stored: e.stored(row), row) == e, "read back from what is stored")
        #expect(Evidence.same(Evidence.sentence(stored: e.stored(row), row), sentence))
        let parsed = Evidence(parsing: sentence, row)
        #expect(Evidence.same(parsed.sentence, sentence), "read back from the sentence")
        if parsedTheSame { #expect(parsed.stored(row) == stored, "a migrated row holds what the writer stores") }
    }

    @Test func theCommonSentencesStoreNothing() {
        let khoa = Self.row("person", "name-key", "Tran Minh Khoa", formKey: "tran minh khoa")
        Self.check(
            Evidence(.sameKey, ["Tran Minh Khoa", "tran minh khoa", "Tran Minh Khoa", "7", "Tran Minh Khoa"]), khoa,
            sentence: "'Tran Minh Khoa' has the key 'tran minh khoa' of known name 'Tran Minh Khoa' of #7 Tran Minh Khoa",
            stored: "")
        let new = Self.row("person", "new", "Vongsa Keola", formKey: "vongsa keola")
        Self.check(Evidence(.noPerson, ["Vongsa Keola"]), new, sentence: "no known person named 'Vongsa Keola'", stored: "")
        let org = Self.row("organization", "new", "Royal Thai Navy", country: "TH", formKey: "royal thai navy")
        Self.check(
            Evidence(.noOrganization, ["Royal Thai Navy"]), org, sentence: "no known organization named 'Royal Thai Navy'",
            stored: "")
        let aliases = #"[["Viet Nam","viet nam"],["Vietnamese","vietnamese"]]"#
        let vn = Self.row("state", "iso-code", "Vietnam", country: "VN", actorId: 3, formKey: "vietnam", aliases: aliases)
        Self.check(
            Evidence(.isoCode, ["VN", "3", "Vietnam, Viet Nam, Vietnamese"]), vn,
            sentence: "same ISO code VN as actor #3 (written here: Vietnam, Viet Nam, Vietnamese)", stored: "")
        let first = Self.row("state", "new", "Laos", country: "LA", formKey: "laos")
        Self.check(Evidence(.firstState, ["LA", "Laos"]), first, sentence: "first document naming state LA (Laos)", stored: "")
    }

    @Test func whatTheRowDoesNotImplyIsStored() {
        // An alias matched: its key is the alias's in the row; the known name and display name differ.
        let aliases = #"[["General Khoa","general khoa"]]"#
        let khoa = Self.row("person", "alias-key", "Tran Minh Khoa", actorId: 12, formKey: "tran minh khoa", aliases: aliases)
        Self.check(
            Evidence(.sameKeyAmong, ["General Khoa", "general khoa", "GENERAL KHOA", "12", "Tran Minh Khoa", "2"]), khoa,
            sentence:
                "'General Khoa' has the key 'general khoa' of known name 'GENERAL KHOA' of #12 Tran Minh Khoa (chosen among 2 by state and documents)",
            stored: #"[2,"General Khoa",null,"GENERAL KHOA",null,"Tran Minh Khoa","2"]"#)
        let one = Self.row("person", "name-key", "Khoa", formKey: "khoa")
        Self.check(
            Evidence(.sameNameGrouped, ["Khoa", "Khoa", "7", "Khoa"]), one,
            sentence: "'Khoa' is the name 'Khoa' of #7 Khoa, which groups mentions too short to tell apart", stored: "[7]")
        Self.check(
            Evidence(.sameName, ["Khoa", "khoa", "7", "Tran Minh Khoa"]), one,
            sentence: "'Khoa' is the name 'khoa' of #7 Tran Minh Khoa", stored: #"[6,null,"khoa",null,"Tran Minh Khoa"]"#)
        let short = Self.row("person", "short-form", "Keola", formKey: "keola")
        Self.check(
            Evidence(.shortForm, ["Keola", "Vongsa Keola", "7", "Vongsa Keola"]), short,
            sentence: "'Keola' is a word of 'Vongsa Keola', known name of #7 Vongsa Keola, the only person with it",
            stored: #"[8,null,"Vongsa Keola"]"#)
        let long = Self.row("person", "long-form", "Vongsa Keola", formKey: "vongsa keola")
        Self.check(
            Evidence(.longForm, ["Vongsa Keola", "Keola", "7"]), long,
            sentence: "'Vongsa Keola' contains 'Keola', the only name of #7, the only person known by it",
            stored: #"[3,null,"Keola"]"#)
        let ambiguous = Self.row("person", "ambiguous", "Nguyen", actorId: 30, formKey: "nguyen")
        Self.check(
            Evidence(.ambiguous, ["Nguyen", "2", "#4 Nguyen Van An, #9 Nguyen Thi Binh"]), ambiguous,
            sentence: "'Nguyen' could be any of 2 persons (#4 Nguyen Van An, #9 Nguyen Thi Binh): kept apart",
            stored: ##"[9,null,"2","#4 Nguyen Van An, #9 Nguyen Thi Binh"]"##)
        // The state as the digest wrote it ("th"), the row's upper-cased.
        let rtn = Self.row("organization", "initials", "RTN", country: "TH", formKey: "rtn")
        Self.check(
            Evidence(.initials, ["RTN", "Royal Thai Navy", "7", "th"]), rtn,
            sentence: "'RTN' is the initials of 'Royal Thai Navy' of #7, same state th",
            stored: #"[10,null,"Royal Thai Navy",null,"th"]"#)
        let navy = Self.row("organization", "initials", "Royal Thai Navy", formKey: "royal thai navy")
        Self.check(
            Evidence(.initialsOf, ["RTN", "7", "Royal Thai Navy", "none"]), navy,
            sentence: "known name 'RTN' of #7 is the initials of 'Royal Thai Navy', same state none", stored: #"[11,"RTN"]"#)
        let empty = Self.row("person", "new", "Mr.")
        Self.check(Evidence(.emptyName), empty, sentence: "empty name", stored: "[0]")
        // A state named twice by the same key: the written names are not the row's forms.
        let twice = Self.row("state", "iso-code", "Laos", country: "LA", actorId: 5, formKey: "laos")
        Self.check(
            Evidence(.isoCode, ["LA", "5", "Laos, LAOS"]), twice,
            sentence: "same ISO code LA as actor #5 (written here: Laos, LAOS)", stored: #"[13,null,null,"Laos, LAOS"]"#)
    }

    /// Quotes, separators and canonically equivalent spellings in names: the bytes come back as they were.
    @Test func oddNamesComeBackByteForByte() {
        let composed = "Caf\u{E9} O'Brien"
        let decomposed = "Cafe\u{301} O'Brien"
        #expect(composed == decomposed && !Evidence.same(composed, decomposed))
        let row = Self.row("person", "name-key", composed, formKey: "cafe o brien")
        Self.check(
            Evidence(.sameKey, [composed, "cafe o brien", decomposed, "7", decomposed]), row,
            sentence: "'\(composed)' has the key 'cafe o brien' of known name '\(decomposed)' of #7 \(decomposed)",
            stored: "[1,null,null,\"\(decomposed)\"]")
        let tricky = "A' has the key 'b"
        let odd = Self.row("person", "name-key", tricky, formKey: "a has the key b")
        let e = Evidence(.sameKey, [tricky, "a has the key b", "x\"y\\z\n", "7", "x\"y\\z\n"])
        Self.check(
            e, odd, sentence: "'\(tricky)' has the key 'a has the key b' of known name 'x\"y\\z\n' of #7 x\"y\\z\n",
            stored: #"[1,null,null,"x\"y\\z\n"]"#, parsedTheSame: false)
    }

    /// A sentence no template writes is kept whole.
    @Test func aSentenceOfNoTemplateIsKeptWhole() {
        let row = Self.row("person", "name-key", "Khoa", formKey: "khoa")
        let e = Evidence(parsing: "merged by hand", row)
        #expect(e == Evidence(.text, ["merged by hand"]))
        #expect(e.stored(row) == #"[14,"merged by hand"]"#)
        #expect(Evidence.sentence(stored: e.stored(row), row) == "merged by hand")
    }
}
