import CAtriumSystem

/// The SHA-256 of some content, shown as 64 lower-case hex digits: what the build cache keys
/// results by and what the published tree's record compares pages with.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    // The 32 bytes in four words, held inline: a build keeps several digests for every file
    // it publishes, and 64 hex digits on the heap each would cost three times as much.
    private let word0, word1, word2, word3: UInt64

    public init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var high: UInt8?
        for character in hex.utf8 {
            let value: UInt8
            switch character {
            case 0x30...0x39: value = character - 0x30
            case 0x61...0x66: value = character - 0x61 + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        self.init(bytes: bytes)
    }

    fileprivate init(bytes: [UInt8]) {
        func word(_ index: Int) -> UInt64 {
            bytes[index * 8..<index * 8 + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
        (word0, word1, word2, word3) = (word(0), word(1), word(2), word(3))
    }

    /// 64 lower-case hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for word in [word0, word1, word2, word3] {
            for shift in stride(from: 60, through: 0, by: -4) { text.append(digits[Int(word >> UInt64(shift) & 0xf)]) }
        }
        return String(decoding: text, as: UTF8.self)
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
