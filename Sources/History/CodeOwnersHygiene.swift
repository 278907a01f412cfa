public import AtriumModel

/// Checks a CODEOWNERS file against the paths of the tree it governs: rules that match no
/// path (`unmatched`: a deleted or renamed folder, a typo), and rules every one of whose paths
/// a later rule also matches (`shadowed`: on GitHub the last matching rule wins, so the rule
/// never decides anything).
public enum CodeOwnersCheck {
    /// One rule of the file: a pattern and its owners (none: the rule un-assigns).
    public struct Rule: Sendable, Hashable {
        public var line: Int
        public var pattern: CodeOwnersPattern
        public var owners: [String]
    }

    public static let byteLimit = 1 << 20
    public static let ruleLimit = 20_000

    /// The rules of a CODEOWNERS file. Blank lines and `#` comments are skipped, and so are
    /// lines GitHub does not take as rules (`!`, `[ ]`, `\#`); an owner starting with `#` begins
    /// a comment to the end of the line; `\ ` is a space inside the pattern.
    public static func rules(_ text: String) -> [Rule] {
        var rules: [Rule] = []
        let lines = text.utf8.prefix(byteLimit).split(separator: 10, omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() where rules.count < ruleLimit {
            let line = String(decoding: bytes, as: UTF8.self).trimming(" \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            var pattern = ""
            var rest = Substring(line)
            var escaping = false
            while let character = rest.first {
                if !escaping && (character == " " || character == "\t") { break }
                escaping = !escaping && character == "\\"
                pattern.append(character)
                rest = rest.dropFirst()
            }
            // `\ ` stands for a space; other escapes are kept for the pattern to read.
            pattern = pattern.replacingEscapedSpaces()
            guard let compiled = CodeOwnersPattern(pattern) else { continue }
            var owners: [String] = []
            for token in rest.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                if token.hasPrefix("#") { break }
                if owners.count < 64 { owners.append(String(token.prefix(256))) }
            }
            rules.append(Rule(line: index + 1, pattern: compiled, owners: owners))
        }
        return rules
    }

    /// The hygiene of the CODEOWNERS at `file` (its path in the repository, for `source`)
    /// over `paths`. Each rule is matched once against the paths (anchored rules only against
    /// those sharing their literal prefix).
    public static func check(file: String, text: String, paths: [String]) -> RepositoryHistory.CodeOwnersHygiene {
        let rules = rules(text)
        let sorted = paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        let parts = sorted.map(CodeOwnersPattern.segmentRanges)
        var winner = [Int32](repeating: -1, count: sorted.count)
        var matched = [Int](repeating: 0, count: rules.count)
        for (ruleIndex, rule) in rules.enumerated() {
            for pathIndex in candidates(rule.pattern, sorted) where rule.pattern.matches(sorted[pathIndex], parts[pathIndex]) {
                winner[pathIndex] = Int32(ruleIndex)
                matched[ruleIndex] += 1
            }
        }
        var wins = [Int](repeating: 0, count: rules.count)
        for index in winner where index >= 0 { wins[Int(index)] += 1 }
        var unmatched: [RepositoryHistory.CodeOwnersHygiene.Rule] = []
        var shadowed: [RepositoryHistory.CodeOwnersHygiene.Rule] = []
        for (index, rule) in rules.enumerated() {
            let entry = RepositoryHistory.CodeOwnersHygiene.Rule(pattern: rule.pattern.text, source: "\(file):\(rule.line)")
            if matched[index] == 0 {
                unmatched.append(entry)
            } else if wins[index] == 0 {
                shadowed.append(entry)
            }
        }
        return RepositoryHistory.CodeOwnersHygiene(unmatched: unmatched, shadowed: shadowed)
    }

    /// The indices of the sorted paths that can match: those starting with the pattern's
    /// literal prefix (all of them when it has none).
    static func candidates(_ pattern: CodeOwnersPattern, _ sorted: [[UInt8]]) -> Range<Int> {
        let prefix = pattern.literalPrefix
        guard !prefix.isEmpty else { return sorted.indices }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < sorted.count && sorted[end].starts(with: prefix) { end += 1 }
        return low..<end
    }
}

extension String {
    func replacingEscapedSpaces() -> String {
        guard contains("\\ ") else { return self }
        var result = ""
        var escaping = false
        for character in self {
            if escaping {
                if character != " " { result.append("\\") }
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }
}
