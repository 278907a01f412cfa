/// Turns a file's bytes into text the way a careful reader would: a byte-order mark decides
/// between UTF-8 and UTF-16; bytes that are not valid UTF-8 become U+FFFD, and the caller is told
/// where the first one was so the owner can fix the file. Line endings become LF: CommonMark counts
/// CR, LF and CRLF alike as one line ending, and every reader after this one splits on LF, so a
/// fact's `file:line` is the line an editor shows whichever ending the author's machine wrote.
public enum TextDecoding {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// A note for the repository's owner when the bytes needed repair or conversion.
        public var problem: String?
        /// The 1-based line of the first repaired byte, when there was one.
        public var line: Int?
    }

    public static func decode(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8(bytes.dropFirst(3))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return decodeUTF16(bytes.dropFirst(2), littleEndian: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes.dropFirst(2), littleEndian: false)
        }
        return decodeUTF8(bytes[...])
    }

    /// Text decoded before line endings were normalised (an older harvest cache) read as today's.
    static func normalizingLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return String(decoding: normalizingLineEndings(Array(text.utf8)[...]), as: UTF8.self)
    }

    /// CRLF and a lone CR each become one LF.
    static func normalizingLineEndings(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.contains(13) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == 13 {
                result.append(10)
                if index < bytes.endIndex, bytes[index] == 10 { index += 1 }
            } else {
                result.append(byte)
            }
        }
        return result[...]
    }

    private static func decodeUTF8(_ original: ArraySlice<UInt8>) -> Result {
        let bytes = normalizingLineEndings(original)
        if let text = String(validating: bytes, as: UTF8.self) {
            return removingNUL(text)
        }
        let offset = firstInvalidUTF8Offset(bytes)
        let line = bytes.prefix(offset).count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let repaired = removingNUL(String(decoding: bytes, as: UTF8.self))
        return Result(text: repaired.text,
                      problem: "not valid UTF-8; bad bytes are shown as replacement characters",
                      line: line)
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Result {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        let decoded = String(decoding: units, as: UTF16.self)
        let text = removingNUL(normalizingLineEndings(decoded)).text
        return Result(text: text, problem: "encoded as UTF-16; converted to UTF-8 (save it as UTF-8)",
                      line: nil)
    }

    /// NUL bytes end C strings inside the Markdown parser and hide the rest of the file.
    private static func removingNUL(_ text: String) -> Result {
        guard text.utf8.contains(0) else { return Result(text: text, problem: nil, line: nil) }
        let line = text.utf8.prefix { $0 != 0 }.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
        return Result(text: cleaned, problem: "contains NUL bytes; they are shown as replacement characters", line: line)
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}
