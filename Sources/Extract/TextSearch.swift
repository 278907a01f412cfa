#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `needle` occurs in the text, byte for byte (UTF-8). Foundation's `contains`
    /// goes through locale-aware NSString search, a hundred times slower; extraction tests
    /// thousands of phrases per document, all of them already lower-cased.
    func includes(_ needle: String) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { word in Self.search(text, for: word) }
        }
        if let found = found ?? nil { return found }
        var haystack = self, pattern = needle  // bridged or lazily stored strings
        return haystack.withUTF8 { text in pattern.withUTF8 { Self.search(text, for: $0) } }
    }

    /// Whether any of `needles` occurs in the text.
    func includesAny(_ needles: [String]) -> Bool {
        needles.contains(where: includes)
    }

    /// The C library's `memchr` finds each candidate first byte (with vector instructions);
    /// the rest of the word is compared from there.
    private static func search(_ text: UnsafeBufferPointer<UInt8>, for word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first else { return true }
        guard word.count <= text.count, let base = text.baseAddress, let wordBase = word.baseAddress else { return false }
        let last = text.count - word.count
        var index = 0
        while index <= last {
            guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return false }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // Most needles are short words: compare them here rather than call memcmp.
            if word.count <= 16 {
                var offset = 1
                while offset < word.count && base[position + offset] == wordBase[offset] { offset += 1 }
                if offset == word.count { return true }
            } else if memcmp(base + position + 1, wordBase + 1, word.count - 1) == 0 {
                return true
            }
            index = position + 1
        }
        return false
    }
}

extension Substring {
    func includes(_ needle: String) -> Bool { String(self).includes(needle) }
}

extension Unicode.Scalar {
    /// White space, answered without Unicode tables for ASCII (nearly all of it).
    var isSpace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
