/// The codes of one state or territory in the schemes analysts' tools key on, from the crosswalk that
/// `scripts/gen_country_codes.py` generates (``CountryCodes/table``). A code the source list does not give
/// (a territory outside the Correlates of War system, say) is nil.
public struct CountryCodes: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 (the store's codes).
    public var alpha2: String
    /// ISO 3166-1 alpha-3 (PLOVER's and POLECAT's actor codes).
    public var alpha3: String?
    /// ISO 3166-1 numeric, three digits ("004").
    public var numeric: String?
    /// Correlates of War state abbreviation and number ("DRV", 816).
    public var cowLetters: String?
    public var cow: Int?
    /// Gleditsch & Ward's list of independent states: abbreviation and number.
    public var gwLetters: String?
    public var gw: Int?
    /// FIPS 10-4 (the older US standard that GDELT 1.0 used).
    public var fips: String?
    /// The English short name.
    public var name: String

    /// The codes of an ISO alpha-2 code (any case), or nil when the crosswalk has no such state.
    public static func of(_ alpha2: String?) -> CountryCodes? {
        guard let alpha2 else { return nil }
        return self.byAlpha2[alpha2.uppercased()]
    }

    /// ISO alpha-3 of an alpha-2 code, nil when unknown.
    public static func alpha3(_ alpha2: String?) -> String? { self.of(alpha2)?.alpha3 }

    /// Every row, by alpha-2.
    public static let byAlpha2: [String: CountryCodes] = {
        var out: [String: CountryCodes] = [:]
        for line in Self.table.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
            guard f.count == 9, let alpha2 = f[0], let name = f[8] else { continue }
            out[alpha2] = CountryCodes(
                alpha2: alpha2, alpha3: f[1], numeric: f[2], cowLetters: f[3], cow: f[4].flatMap { Int($0) },
                gwLetters: f[5], gw: f[6].flatMap { Int($0) }, fips: f[7], name: name)
        }
        return out
    }()
}
