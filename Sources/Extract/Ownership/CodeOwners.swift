import AtriumModel

/// A CODEOWNERS file, in GitHub's syntax and GitLab's (sections `[Name]`, optional sections
/// `^[Name]`, approval counts `[Name][2]`, section default owners `[Name] @owner`).
struct CodeOwners {
    struct Rule {
        var pattern: String
        var owners: [String]
        var line: Int
        var section: String?
    }

    var rules: [Rule] = []
    /// Lines that are neither rules, sections nor comments, with what is wrong.
    var problems: [(line: Int, message: String)] = []

    init(_ text: String) {
        var section: String?
        var sectionDefaults: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            if let header = Self.sectionHeader(line) {
                section = header.name
                sectionDefaults = header.owners
                continue
            }
            let fields = Self.fields(line)
            let pattern = fields[0]
            var owners = Array(fields.dropFirst())
            if owners.isEmpty { owners = sectionDefaults }
            if let bad = owners.first(where: { !Self.isOwner($0) }) {
                problems.append((lineNumber, "`\(bad)` is not an owner (expected @user, @org/team or an email); line ignored"))
                continue
            }
            rules.append(Rule(pattern: pattern, owners: owners, line: lineNumber, section: section))
        }
    }

    /// The rules that cover every file: in each section the last such rule wins, as on GitHub
    /// and GitLab (sections apply side by side).
    var catchAllRules: [Rule] {
        var lastBySection: [String: Rule] = [:]
        var order: [String] = []
        for rule in rules where Self.catchAllPatterns.contains(rule.pattern) {
            let key = rule.section?.lowercased() ?? ""
            if lastBySection[key] == nil { order.append(key) }
            lastBySection[key] = rule
        }
        return order.compactMap { lastBySection[$0] }.filter { !$0.owners.isEmpty }
    }

    static let catchAllPatterns: Set<String> = ["*", "/*", "**", "/**", "/"]

    // MARK: - Syntax

    /// `[Section]`, `^[Section]`, `[Section][2]`, each optionally followed by default owners.
    private static func sectionHeader(_ line: String) -> (name: String, owners: [String])? {
        var rest = Substring(line)
        if rest.hasPrefix("^") { rest = rest.dropFirst() }
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else { return nil }
        let name = rest[rest.index(after: rest.startIndex)..<close]
        guard !name.isEmpty else { return nil }
        rest = rest[rest.index(after: close)...]
        if rest.hasPrefix("["), let countClose = rest.firstIndex(of: "]"),
           rest[rest.index(after: rest.startIndex)..<countClose].allSatisfy(\.isNumber) {
            rest = rest[rest.index(after: countClose)...]
        }
        let owners = fields(String(rest))
        // A pattern such as `[abc].txt` is a rule, not a section: sections are followed by
        // owners or nothing.
        guard owners.allSatisfy(isOwner) else { return nil }
        return (String(name), owners)
    }

    /// Splits on unescaped white space (`\ ` is a space inside a path).
    private static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                current.append(character)
            } else if character == " " || character == "\t" {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    /// Removes a `#` comment: at the start of a line, or after white space (`\#` is literal).
    private static func stripComment(_ line: String) -> String {
        var previous: Character = " "
        var result = ""
        for character in line {
            if character == "#" && (previous == " " || previous == "\t") {
                break
            }
            result.append(character)
            previous = character
        }
        return result
    }

    static func isOwner(_ field: String) -> Bool {
        if field.hasPrefix("@") { return field.count > 1 }
        return EmailAddress.isValid(field)
    }
}

enum EmailAddress {
    /// A plain `local@domain.tld` address, as owner files and contact lines write them.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].includes("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || "._%+-@".contains($0) }
    }
}
