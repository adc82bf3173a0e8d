import AttacheContracts
import AttacheTestSupport
import Foundation
import Testing


@Suite struct CountryCodeTests {
    /// The crosswalk comes from the `countrycode` package (a development dependency that `.ci/run` installs);
    /// the check fails, saying what to install, where it is missing.
    @Test("CountryCodes.swift is what scripts/gen_country_codes.py generates")
    func generatedCrosswalkIsUpToDate() throws {
        let (status, text) = try runGeneratorCheck("gen_country_codes.py")
        #expect(status == 0, "gen_country_codes.py --check failed:\n\(text)")
    }

    @Test func knownStatesInEveryScheme() throws {
        let vn = try #require(CountryCodes.of("vn"))
        #expect(vn.alpha3 == "VNM" && vn.numeric == "704" && vn.cow == 816 && vn.fips == "VM" && vn.name == "Vietnam")
        let us = try #require(CountryCodes.of("US"))
        #expect(us.alpha3 == "USA" && us.numeric == "840" && us.cow == 2 && us.cowLetters == "USA" && us.gw == 2)
        let de = try #require(CountryCodes.of("DE"))
        #expect(de.cow == 255 && de.gw == 260 && de.fips == "GM")
        #expect(CountryCodes.of("HK")?.cow == nil, "a territory outside the COW system has no COW code")
        #expect(CountryCodes.of("ZZ") == nil && CountryCodes.of(nil) == nil)
    }

    /// Every state the extractor's ISO list knows (the alpha-2 codes that reach the store) has an alpha-3.
    @Test func everyStoreCodeHasAnAlpha3() throws {
        let path = packageRoot.appendingPathComponent("Sources/AttacheExtraction/GazetteerCountries.swift").path
        let codes = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
            let code = line.prefix { $0 != "\t" }
            return code.count == 2 && code.allSatisfy({ $0.isUppercase }) && line.contains("\t") ? String(code) : nil
        }
        #expect(codes.count > 200)
        let missing = codes.filter { CountryCodes.alpha3($0) == nil }
        #expect(missing.isEmpty, "no alpha-3 for \(missing)")
        #expect(CountryCodes.byAlpha2.values.allSatisfy { $0.alpha3?.count == 3 })
    }
}
