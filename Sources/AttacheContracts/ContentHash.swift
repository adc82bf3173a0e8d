import Crypto

/// A document's content hash: SHA-256 of its UTF-8 text, as lower-case hex.
///
/// Computed on every pushed text. It uses swift-crypto (BoringSSL, with the CPU's SHA instructions
/// where it has them) rather than SHA-256 in Swift: the Swift version cost 6% of the extractor's
/// CPU time (`perf` on `attache-bench extract`).
public enum ContentHash {
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for byte in digest {
                out[i] = Self.hexDigit(byte >> 4)
                out[i + 1] = Self.hexDigit(byte & 0x0f)
                i += 2
            }
            return 64
        }
    }

    @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}
