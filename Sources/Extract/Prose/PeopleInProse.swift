import AtriumModel
import Markdown

/// People a contribution guide names: Trusted Committers and maintainers (in a section of that
/// name, or in a sentence that says so), and the team that owns the code ("owned by @acme/x").
enum PeopleInProse {
    struct Result {
        var trustedCommitters: [Person] = []
        var owners: [Person] = []
    }

    static func read(_ prose: ProseDocument) -> Result {
        var result = Result()
        for (index, section) in prose.sections.enumerated() {
            let sectionRole = role(inHeading: section.heading.lowercased())
            for paragraph in prose.paragraphs(inSection: index) {
                let text = paragraph.text
                let inList = paragraph.node.parent?.kind == .item
                if let sectionRole, inList || text.count < 200 {
                    // "- Jane Doe (@jdoe)" under "Maintainers"; "Ask @a or @b." under "Trusted Committers".
                    if inList, let person = PersonLine(text) {
                        result.trustedCommitters.append(person.person(role: sectionRole,
                            source: prose.source(paragraph.node.startLine)))
                        continue
                    }
                    result.trustedCommitters += handles(in: text, paragraph: paragraph.node, prose: prose, role: sectionRole)
                    continue
                }
                // Only sentences that speak of committers, maintainers or owners name them.
                guard paragraph.lower.includesAny(["committer", "maintain", "owne", "owns", "run by", "belongs"]) else {
                    continue
                }
                for sentence in paragraph.sentences {
                    if let sentenceRole = role(inSentence: sentence.lower) {
                        result.trustedCommitters += handles(in: sentence.text, paragraph: paragraph.node, prose: prose,
                                                            role: sentenceRole)
                    }
                    result.owners += owningTeams(in: sentence.text, lower: sentence.lower, paragraph: paragraph.node,
                                                 prose: prose)
                }
            }
        }
        return result
    }

    /// `@handles` (not teams' email addresses) in a piece of text.
    private static func handles(in text: String, paragraph: MarkdownNode, prose: ProseDocument, role: String) -> [Person] {
        text.split(whereSeparator: { " ,;()[]<>\"'`*".contains($0) }).compactMap { token in
            let word = token.trimmingCharacters(in: ".:!?")
            guard word.hasPrefix("@"), word.count > 1,
                  word.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_/".contains($0) }) else { return nil }
            return Person(handle: word, kind: word.includes("/") ? .team : .person, role: role,
                          source: prose.source(prose.line(of: word, in: paragraph)))
        }
    }

    /// "owned by @acme/payments", "@acme/dev-platform is the owning team", "run by the Search
    /// team": the team that owns the code, by handle or by name.
    private static func owningTeams(in sentence: String, lower: String, paragraph: MarkdownNode,
                                    prose: ProseDocument) -> [Person] {
        guard ["owned by", "maintained by", "run by", "belongs to", "owner", "owns", "owning"].contains(where: lower.includes) else {
            return []
        }
        func person(_ handleOrName: String, isHandle: Bool) -> [Person] {
            [Person(handle: isHandle ? handleOrName : nil, name: isHandle ? nil : handleOrName, kind: .team,
                    role: "owner", source: prose.source(prose.line(of: handleOrName, in: paragraph)))]
        }
        // "@acme/x is the owning team", "@acme/x owns this repository"
        for phrase in ["is the owning team", "owns this", "owns the", "is the owner"] {
            if let range = lower.range(of: phrase) {
                let before = sentence[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                if before.hasPrefix("@") && before.includes("/") { return person(before, isHandle: true) }
            }
        }
        for phrase in ["owned by", "maintained by", "run by", "belongs to", "owner is", "owners are"] {
            guard let range = lower.range(of: phrase) else { continue }
            let rest = sentence[range.upperBound...].split(separator: " ").prefix(5).map {
                $0.trimmingCharacters(in: ".,;:!?()")
            }
            if let handle = rest.first(where: { $0.hasPrefix("@") && $0.includes("/") }) {
                return person(handle, isHandle: true)
            }
            // "the Search team", "the Developer Platform group"
            if let teamIndex = rest.firstIndex(where: { ["team", "group", "squad", "guild"].contains($0.lowercased()) }),
               teamIndex > 0 {
                let nameWords = rest[..<teamIndex].drop { ["the", "our"].contains($0.lowercased()) }
                if !nameWords.isEmpty, nameWords.allSatisfy({ $0.first?.isUppercase == true }) {
                    return person((nameWords + [rest[teamIndex]]).joined(separator: " "), isHandle: false)
                }
            }
        }
        return []
    }

    static func role(inHeading heading: String) -> String? {
        if heading.includes("trusted committer") { return "trusted committer" }
        if heading.includes("maintainer") && !heading.includes("for maintainers") { return "maintainer" }
        if heading.includes("core team") || heading.includes("code owners") { return "maintainer" }
        return nil
    }

    private static func role(inSentence sentence: String) -> String? {
        if sentence.includes("trusted committer") { return "trusted committer" }
        if sentence.includes("maintainers are") || sentence.includes("maintained by @")
            || sentence.includes("maintainer is") || sentence.includes("current maintainers") {
            return "maintainer"
        }
        return nil
    }
}
