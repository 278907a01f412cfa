/// A CODEOWNERS path pattern, with GitHub's semantics (gitignore-like):
/// - a leading `/` anchors it to the root; so does a `/` inside it; a pattern with no slash
///   (or only a trailing one) matches at any depth;
/// - a trailing `/` matches everything below a directory of that name;
/// - `*` matches within one path segment, `?` one character; `*` as the whole last segment
///   (`docs/*`) matches the directory's own files only, not deeper ones;
/// - `**` matches any number of segments (`**/logs`, `a/**/b`; trailing `a/**` at least one);
/// - any other last segment matches a file of that name or everything below a directory of it;
/// - `\` escapes the next character.
///
/// GitHub does not support `!` negation, `[ ]` ranges nor `\#`: such a pattern is not a rule
/// (`init` returns nil), nor is one with `***`. Matching is case-sensitive, as on GitHub.
public struct CodeOwnersPattern: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case anyDepth
        case star
        case literal([UInt8])
        /// Bytes with `*` (42) and `?` (63) as wildcards; escaped ones are in `escaped`.
        case glob([UInt8], escaped: Set<Int>)
    }

    public let text: String
    let segments: [Segment]
    /// Leading literal segments (for looking paths up by prefix), joined with `/`.
    let literalPrefix: [UInt8]
    let isAnchored: Bool
    private let doubleStars: Int

    public init?(_ text: String) {
        self.text = text
        guard !text.isEmpty, text.utf8.count <= 4096, !text.hasPrefix("!"), !text.hasPrefix("\\#"), !text.contains("["),
              !text.contains("]"), !text.contains("***") else { return nil }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var anchored = false
        if parts.first == "" {
            anchored = true
            parts.removeFirst()
        } else if parts.count == 1 || (parts.count == 2 && parts[1].isEmpty) {
            if parts[0] != "**" { parts.insert("**", at: 0) }
        } else {
            anchored = true
        }
        if parts.count > 1 && parts.last == "" { parts[parts.count - 1] = "**" }
        // Empty segments inside (`a//b`) say nothing; `**/**` is `**`.
        var compiled: [Segment] = []
        for part in parts where !part.isEmpty {
            let segment = Self.segment(part)
            if segment == .anyDepth && compiled.last == .anyDepth { continue }
            compiled.append(segment)
        }
        guard compiled.count <= 64 else { return nil }
        segments = compiled
        isAnchored = anchored
        doubleStars = compiled.filter { $0 == .anyDepth }.count
        var prefix: [[UInt8]] = []
        for segment in compiled {
            guard case .literal(let bytes) = segment else { break }
            prefix.append(bytes)
        }
        literalPrefix = Array(prefix.joined(separator: [47]))
    }

    private static func segment(_ part: String) -> Segment {
        if part == "**" { return .anyDepth }
        if part == "*" { return .star }
        var bytes: [UInt8] = []
        var escaped: Set<Int> = []
        var escaping = false
        for byte in part.utf8 {
            if escaping {
                escaped.insert(bytes.count)
                bytes.append(byte)
                escaping = false
            } else if byte == 92 {
                escaping = true
            } else {
                bytes.append(byte)
            }
        }
        let wild = bytes.indices.contains { (bytes[$0] == 42 || bytes[$0] == 63) && !escaped.contains($0) }
        return wild ? .glob(bytes, escaped: escaped) : .literal(bytes)
    }

    /// Whether the pattern matches `path` (a file's path from the root, `/`-separated, no leading `/`).
    public func matches(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        return matches(bytes, Self.segmentRanges(bytes))
    }

    static func segmentRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 47 {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { ranges.append(start..<bytes.count) }
        return ranges
    }

    func matches(_ path: [UInt8], _ parts: [Range<Int>]) -> Bool {
        if segments.isEmpty { return false }  // "/"
        if doubleStars <= 2 { return match(0, 0, path, parts) }
        var memo = [UInt8](repeating: 0, count: (segments.count + 1) * (parts.count + 1))
        return match(0, 0, path, parts, memo: &memo)
    }

    private func match(_ p: Int, _ s: Int, _ path: [UInt8], _ parts: [Range<Int>]) -> Bool {
        if p == segments.count { return s == parts.count || allowsDescendants }
        switch segments[p] {
        case .anyDepth:
            if p == segments.count - 1 { return parts.count - s >= 1 }
            for next in s...parts.count where match(p + 1, next, path, parts) { return true }
            return false
        default:
            return s < parts.count && matchSegment(segments[p], path[parts[s]]) && match(p + 1, s + 1, path, parts)
        }
    }

    /// The same, remembering what was tried (1 no, 2 yes): patterns with many `**`.
    private func match(_ p: Int, _ s: Int, _ path: [UInt8], _ parts: [Range<Int>], memo: inout [UInt8]) -> Bool {
        let key = p * (parts.count + 1) + s
        if memo[key] != 0 { return memo[key] == 2 }
        var result: Bool
        if p == segments.count {
            result = s == parts.count || allowsDescendants
        } else if segments[p] == .anyDepth {
            if p == segments.count - 1 {
                result = parts.count - s >= 1
            } else {
                result = false
                for next in s...parts.count where match(p + 1, next, path, parts, memo: &memo) {
                    result = true
                    break
                }
            }
        } else {
            result = s < parts.count && matchSegment(segments[p], path[parts[s]]) && match(p + 1, s + 1, path, parts, memo: &memo)
        }
        memo[key] = result ? 2 : 1
        return result
    }

    /// A last segment that names something (not `*`, not `**`) also matches what is below it.
    private var allowsDescendants: Bool {
        switch segments.last {
        case .literal, .glob: true
        default: false
        }
    }

    private func matchSegment(_ segment: Segment, _ name: ArraySlice<UInt8>) -> Bool {
        switch segment {
        case .anyDepth, .star: return !name.isEmpty
        case .literal(let bytes): return name.elementsEqual(bytes)
        case .glob(let pattern, let escaped): return Self.glob(pattern, escaped, Array(name))
        }
    }

    /// `*` and `?` over one segment; `?` takes one character (a UTF-8 sequence).
    static func glob(_ pattern: [UInt8], _ escaped: Set<Int>, _ name: [UInt8]) -> Bool {
        var p = 0, n = 0
        var starP = -1, starN = 0
        func characterEnd(_ index: Int) -> Int {
            var end = index + 1
            while end < name.count && name[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }
        while n < name.count {
            if p < pattern.count && pattern[p] == 42 && !escaped.contains(p) {
                starP = p
                starN = n
                p += 1
            } else if p < pattern.count && pattern[p] == 63 && !escaped.contains(p) {
                p += 1
                n = characterEnd(n)
            } else if p < pattern.count && pattern[p] == name[n] {
                p += 1
                n += 1
            } else if starP >= 0 {
                p = starP + 1
                starN = characterEnd(starN)
                n = starN
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == 42 && !escaped.contains(p) { p += 1 }
        return p == pattern.count
    }
}
