import Foundation

/// The members of a JSON object found in its bytes without building a tree of it: each key's
/// and each value's byte range, so that a large object (the build record's repositories) can
/// be decoded one member at a time. Only the structure is read (strings with their escapes,
/// nesting); each value is checked when it is decoded.
enum JSONMembers {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "not JSON at byte \(offset)" }
    }

    struct Member {
        /// The key's bytes between its quotes, still escaped.
        var key: Range<Int>
        var value: Range<Int>
    }

    /// Calls `body` with each member of the object whose `{` is at or after `start` (white
    /// space skipped); returns the index after its `}`.
    @discardableResult
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, objectAt start: Int,
                        _ body: (Member) throws -> Void) throws -> Int {
        var index = skipSpace(bytes, start)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Malformed(offset: index) }
        index = skipSpace(bytes, index + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return index + 1 }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed(offset: index) }
            let keyEnd = try endOfString(bytes, index)
            let key = (index + 1)..<(keyEnd - 1)
            index = skipSpace(bytes, keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed(offset: index) }
            let valueStart = skipSpace(bytes, index + 1)
            let valueEnd = try endOfValue(bytes, valueStart)
            try body(Member(key: key, value: valueStart..<valueEnd))
            index = skipSpace(bytes, valueEnd)
            guard index < bytes.count else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: "}") { return index + 1 }
            guard bytes[index] == UInt8(ascii: ",") else { throw Malformed(offset: index) }
            index = skipSpace(bytes, index + 1)
            // A comma before the close, as Foundation's parser (which decodes each value) allows.
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return index + 1 }
        }
    }

    /// The key as text: its bytes, or, when it has escapes, what they stand for.
    static func key(_ member: Member, in bytes: UnsafeBufferPointer<UInt8>, decoder: JSONDecoder) throws -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[member.key])
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var quoted = Data([UInt8(ascii: "\"")])
        quoted.append(raw)
        quoted.append(UInt8(ascii: "\""))
        return try decoder.decode(String.self, from: quoted)
    }

    /// The values of the members of the object at `start` that `names` name, in one pass.
    static func values(named names: Set<String>, in bytes: UnsafeBufferPointer<UInt8>, objectAt start: Int,
                       decoder: JSONDecoder) throws -> [String: Range<Int>] {
        var found: [String: Range<Int>] = [:]
        try forEach(in: bytes, objectAt: start) { member in
            let name = try key(member, in: bytes, decoder: decoder)
            if names.contains(name), found[name] == nil { found[name] = member.value }
        }
        return found
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// The index after the closing quote of the string that opens at `start`.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) throws -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        throw Malformed(offset: start)
    }

    /// The index after the value that starts at `start`: a string, an object or array (to its
    /// matching close, strings inside skipped), or a number or literal (to the next delimiter).
    private static func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) throws -> Int {
        guard start < bytes.count else { throw Malformed(offset: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try endOfString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""): index = try endOfString(bytes, index); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            throw Malformed(offset: start)
        default:
            var index = start
            while index < bytes.count, !isSpace(bytes[index]),
                  ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) {
                index += 1
            }
            guard index > start else { throw Malformed(offset: start) }
            return index
        }
    }
}
