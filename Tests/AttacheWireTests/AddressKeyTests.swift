import AttacheWire
import NIOCore
import Testing

/// Pending handshakes are counted per IPv4 address and per IPv6 /64 (one host or site commonly
/// holds a whole /64: counted per address, it could take every pending slot).
@Suite struct AddressKeyTests {
    func key(_ ip: String) throws -> String { HandshakeLimits.addressKey(try SocketAddress(ipAddress: ip, port: 443)) }

    @Test func ipv4IsCountedPerAddress() throws {
        #expect(try self.key("192.0.2.7") == "192.0.2.7")
        #expect(try self.key("192.0.2.8") == "192.0.2.8")
        #expect(try self.key("127.0.0.1") == "127.0.0.1")
    }

    @Test func ipv6IsCountedPerSlash64() throws {
        let a = try self.key("2001:db8:1:2::1")
        #expect(a == "2001:db8:1:2::/64")
        #expect(try self.key("2001:db8:1:2:ffff:ffff:ffff:fffe") == a, "the same /64, another interface id")
        #expect(try self.key("2001:0db8:0001:0002:0000:0000:0000:0042") == a, "written in full")
        #expect(try self.key("2001:db8:1:3::1") != a, "the next /64")
        #expect(try self.key("2001:db8:2:2::1") != a)
        #expect(try self.key("::1") == "0:0:0:0::/64")
    }

    @Test func ipv4MappedAddressesCountAsIPv4() throws {
        #expect(try self.key("::ffff:192.0.2.7") == "192.0.2.7")
        #expect(try self.key("::ffff:192.0.2.8") == "192.0.2.8")
    }

    @Test func aPeerWithoutAnIPAddressIsUnknown() throws {
        #expect(HandshakeLimits.addressKey(nil) == "unknown")
        let unix = try SocketAddress(unixDomainSocketPath: "/tmp/attache-test.sock")
        #expect(HandshakeLimits.addressKey(unix) == "unknown")
    }
}
