import CAtriumSystem

/// The SHA-256 of some content, shown as 64 lower-case hex digits: what the build cache keys
/// results by and what the published tree's record compares pages with.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    public let hex: String

    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.hex = hex
    }

    fileprivate init(bytes: [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        hex = String(decoding: text, as: UTF8.self)
    }

    /// The digest of `bytes` alone.
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> ContentDigest where Bytes.Element == UInt8 {
        var hasher = ContentHasher()
        hasher.combineRaw(bytes)
        return hasher.finalize()
    }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let digest = ContentDigest(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 digest"))
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Builds a digest from several values. Each `combine` is framed by its length, so that
/// ("ab", "c") and ("a", "bc") never give the same digest.
/// Which SHA-256 code hashes: the processor's SHA instructions where it has them (x86), else
/// the portable loop. Both give the same digests; tests compare them.
public enum SHA256Engine {
    /// Uses the processor's instructions from now on when `allowed` and available, else the
    /// portable loop; returns whether the instructions are used.
    @discardableResult
    public static func useProcessorInstructions(_ allowed: Bool) -> Bool {
        atrium_sha256_uses_hardware(allowed ? 1 : 0) != 0
    }
}

public struct ContentHasher {
    private var context = atrium_sha256()

    public init() {
        atrium_sha256_init(&context)
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ text: String?) {
        if let text { combine(UInt8(1)); combine(text) } else { combine(UInt8(0)) }
    }

    public mutating func combine(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { update($0) }
    }

    public mutating func combine(_ number: Int?) {
        if let number { combine(UInt8(1)); combine(number) } else { combine(UInt8(0)) }
    }

    public mutating func combine(_ flag: Bool) {
        combine(UInt8(flag ? 1 : 0))
    }

    public mutating func combine(_ digest: ContentDigest) {
        combine(digest.hex)
    }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(bytes.count)
        update(bytes)
    }

    public mutating func combine<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { combine(bytes: $0) }
    }

    /// Adds bytes without a length frame: hashing a file piece by piece this way gives the
    /// digest `ContentDigest.of` gives for all of it.
    public mutating func append(unframed bytes: UnsafeRawBufferPointer) {
        update(bytes)
    }

    private mutating func combine(_ byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    fileprivate mutating func combineRaw<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let done = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) { return done }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    private mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        atrium_sha256_update(&context, base, buffer.count)
    }

    public consuming func finalize() -> ContentDigest {
        var bytes = [UInt8](repeating: 0, count: 32)
        atrium_sha256_final(&context, &bytes)
        return ContentDigest(bytes: bytes)
    }
}
