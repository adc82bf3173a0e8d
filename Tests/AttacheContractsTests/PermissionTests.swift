import AttacheContracts
import Testing

/// What each certificate role may send to each service (advertised in the hello, enforced by the servers).
@Suite struct PermissionTests {
    @Test func onTheExtractorOnlyWritersAndClientsPushAndExtract() {
        for role in PeerRole.allCases {
            let writes = role == .writer || role == .client
            #expect(role.may("push", on: "extractor") == writes, "\(role)")
            #expect(role.may("extract", on: "extractor") == writes, "\(role)")
            #expect(role.permissions(on: "extractor") == (writes ? ["push", "extract"] : []), "\(role)")
            // the protocol's own requests need no permission
            for type in ["ping", "hello", "bye"] { #expect(role.may(type, on: "extractor")) }
        }
    }

    @Test func onTheAggregatorClientRolesReadAndOnlyTheExtractorStores() {
        for role in PeerRole.allCases {
            let reads = role.isClient || role == .extractor
            #expect(role.may("query", on: "aggregator") == reads, "\(role)")
            #expect(role.may("subscribe", on: "aggregator") == role.isClient, "\(role)")
            #expect(role.may("unsubscribe", on: "aggregator") == role.isClient, "\(role)")
            #expect(role.may("digest", on: "aggregator") == (role == .extractor), "\(role)")
        }
        #expect(PeerRole.reader.permissions(on: "aggregator") == ["query", "subscribe"])
        #expect(PeerRole.extractor.permissions(on: "aggregator") == ["digest", "query"])
    }

    @Test func requestsOfAnotherServiceNeedNoPermissionHere() {
        // a `push` sent to the aggregator is an unknown type there (UNKNOWN_TYPE), not a refusal
        #expect(Permission.required(for: "push", on: "aggregator") == nil)
        #expect(Permission.required(for: "query", on: "extractor") == nil)
        #expect(Permission.required(for: "unsubscribe", on: "aggregator") == Permission.subscribe)
    }
}
