import AtriumModel

/// One person as maintainer lists write them: `Jane Doe <jane@acme.example> (@jdoe)`,
/// `* Jane Doe ([jdoe](https://github.com/jdoe))`, `- @jdoe`, `M: Jane Doe <jane@acme.example>`.
struct PersonLine: Equatable {
    var name: String?
    var handle: String?
    var email: String?

    /// The handle to show: the `@handle`, else the email.
    var preferredHandle: String? { handle ?? email }

    /// Reads a person from one line of text (list markers and table pipes already removed is
    /// not required). Nil when the line has neither a handle nor an email.
    init?(_ line: String) {
        var text = Substring(line.trimmingCharacters(in: " \t\r"))
        for marker in ["* ", "- ", "+ "] where text.hasPrefix(marker) { text = text.dropFirst(2) }
        if text.count > 3, text.dropFirst(1).hasPrefix(": "), text.first!.isUppercase { text = text.dropFirst(3) }
        var handle: String?
        var email: String?
        var nameEnd = text.endIndex
        // `<email>`
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let inside = String(text[text.index(after: open)..<close])
            if EmailAddress.isValid(inside) { email = inside }
            nameEnd = min(nameEnd, open)
        }
        // `github.com/handle` in a link; `github.com/orgs/…`, `/sponsors/…` and the like are
        // GitHub's own pages, not people.
        if let range = text.range(of: "github.com/") {
            let login = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            // A profile is `github.com/login` alone; `github.com/org/repo/…` is a repository.
            let after = text[range.upperBound...].dropFirst(login.count)
            let isRepository = after.hasPrefix("/") && after.dropFirst().first.map { $0.isLetter || $0.isNumber } == true
            if !login.isEmpty, !isRepository, !Self.reservedPaths.contains(login.lowercased()) { handle = "@" + login }
        }
        for word in text.split(whereSeparator: { " \t,;()[]<>|".contains($0) }) {
            let token = word.trimmingCharacters(in: ".:*`")
            if handle == nil, token.hasPrefix("@"), token.count > 1, !token.includes("."),
               token.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_/".contains($0) }) {
                handle = token
                if let position = text.range(of: token)?.lowerBound { nameEnd = min(nameEnd, position) }
            } else if email == nil, EmailAddress.isValid(token) {
                email = token
                if let position = text.range(of: token)?.lowerBound { nameEnd = min(nameEnd, position) }
            }
        }
        guard handle != nil || email != nil else { return nil }
        // A line that starts inside a link (`organization](https://github.com/org) will…`)
        // continues a paragraph: prose, not a list of people.
        if let close = text.firstIndex(of: "]"), !text[..<close].contains("[") { return nil }
        if let paren = text[..<nameEnd].firstIndex(where: { $0 == "(" || $0 == "[" }) { nameEnd = paren }
        let name = String(text[..<nameEnd]).trimmingCharacters(in: " \t-–—:,*_|")
        self.name = name.isEmpty || name.count > 60 || name.includes("@") ? nil : name
        self.handle = handle
        self.email = email
    }

    static let reservedPaths: Set<String> = ["orgs", "sponsors", "apps", "marketplace", "settings", "topics", "features",
                                             "enterprise", "about", "login", "search", "notifications", "issues", "pulls"]

    func person(kind: Person.Kind = .person, role: String, source: SourceLocation) -> Person {
        Person(handle: preferredHandle, name: name, kind: handle?.includes("/") == true ? .team : kind,
               role: role, source: source)
    }
}

/// `MAINTAINERS`, `MAINTAINERS.md`, `OWNERS.md`: one person per line, list item or table row.
enum MaintainersFile {
    static func people(in file: RepositoryFile, role: String = "maintainer") -> [Person] {
        var people: [Person] = []
        var inCodeBlock = false
        var tableHeader: [String]?
        // Under an "Emeritus" or "Former maintainers" heading, until the next heading of its
        // level or above, the people listed are no longer responsible.
        var formerLevel: Int?
        for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inCodeBlock.toggle(); continue }
            if !inCodeBlock, file.isMarkdown, trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                if let former = formerLevel, level <= former { formerLevel = nil }
                if formerLevel == nil, isFormerHeading(trimmed.lowercased()) { formerLevel = level }
                continue
            }
            if formerLevel != nil { continue }
            if !file.isMarkdown, isFormerHeading(trimmed.lowercased()), trimmed.hasSuffix(":") || trimmed.hasPrefix("#") {
                formerLevel = 0
                continue
            }
            if inCodeBlock || trimmed.isEmpty || trimmed.hasPrefix("#") && !trimmed.hasPrefix("#@") { continue }
            let source = SourceLocation(file: file.path, line: index + 1)
            if trimmed.hasPrefix("|") {
                let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: " \t") }.dropFirst().dropLast()
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
                if tableHeader == nil, PersonLine(trimmed) == nil {
                    tableHeader = cells.map { $0.lowercased() }
                    continue
                }
                if let person = tableRow(Array(cells), header: tableHeader) {
                    people.append(person.person(role: role, source: source))
                }
                continue
            }
            tableHeader = nil
            // Prose sentences mention people in passing; a person line is short.
            guard trimmed.count <= 160, let person = PersonLine(trimmed) else { continue }
            people.append(person.person(role: role, source: source))
        }
        return people
    }

    static func isFormerHeading(_ heading: String) -> Bool {
        ["emerit", "former", "alumni", "past maintainer", "retired", "inactive maintainer", "previous maintainer"]
            .contains { heading.includes($0) }
    }

    /// A table row: the name from a "name" column, the handle and email from wherever they are.
    private static func tableRow(_ cells: [String], header: [String]?) -> PersonLine? {
        var person = PersonLine(cells.joined(separator: " | "))
        if person == nil, let header,
           let column = header.firstIndex(where: { $0.includes("github") || $0.includes("handle") }),
           column < cells.count, !cells[column].isEmpty {
            // A GitHub column may hold a bare login.
            person = PersonLine("@" + cells[column].trimmingCharacters(in: "@ "))
        }
        guard var person else { return nil }
        if let header, let column = header.firstIndex(where: { $0.includes("name") }), column < cells.count {
            let name = cells[column].trimmingCharacters(in: " *_")
            if !name.isEmpty, !name.includes("@") { person.name = name }
        }
        return person
    }
}
