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
        for section in prose.sections {
            let sectionRole = role(inHeading: section.heading.lowercased())
            for block in section.blocks {
                for paragraph in block.descendants where paragraph.kind == .paragraph {
                    let text = paragraph.plainText.collapsingWhitespace
                    let lower = text.lowercased()
                    let inList = paragraph.parent?.kind == .item
                    if let sectionRole, inList || text.count < 200 {
                        // "- Jane Doe (@jdoe)" under "Maintainers"; "Ask @a or @b." under "Trusted Committers".
                        if inList, let person = PersonLine(text) {
                            result.trustedCommitters.append(person.person(role: sectionRole,
                                source: prose.source(paragraph.startLine)))
                            continue
                        }
                        result.trustedCommitters += handles(in: text, paragraph: paragraph, prose: prose, role: sectionRole)
                        continue
                    }
                    for sentence in Sentences.split(text) {
                        let lowerSentence = sentence.lowercased()
                        if let sentenceRole = role(inSentence: lowerSentence) {
                            result.trustedCommitters += handles(in: sentence, paragraph: paragraph, prose: prose,
                                                                role: sentenceRole)
                        }
                        result.owners += owningTeams(in: sentence, paragraph: paragraph, prose: prose)
                    }
                    _ = lower
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
            return Person(handle: word, kind: word.contains("/") ? .team : .person, role: role,
                          source: prose.source(prose.line(of: word, in: paragraph)))
        }
    }

    /// "owned by @acme/payments", "@acme/dev-platform is the owning team", "run by the Search
    /// team": the team that owns the code, by handle or by name.
    private static func owningTeams(in sentence: String, paragraph: MarkdownNode, prose: ProseDocument) -> [Person] {
        let lower = sentence.lowercased()
        func person(_ handleOrName: String, isHandle: Bool) -> [Person] {
            [Person(handle: isHandle ? handleOrName : nil, name: isHandle ? nil : handleOrName, kind: .team,
                    role: "owner", source: prose.source(prose.line(of: handleOrName, in: paragraph)))]
        }
        // "@acme/x is the owning team", "@acme/x owns this repository"
        for phrase in ["is the owning team", "owns this", "owns the", "is the owner"] {
            if let range = lower.range(of: phrase) {
                let before = sentence[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                if before.hasPrefix("@") && before.contains("/") { return person(before, isHandle: true) }
            }
        }
        for phrase in ["owned by", "maintained by", "run by", "belongs to", "owner is", "owners are"] {
            guard let range = lower.range(of: phrase) else { continue }
            let rest = sentence[range.upperBound...].split(separator: " ").prefix(5).map {
                $0.trimmingCharacters(in: ".,;:!?()")
            }
            if let handle = rest.first(where: { $0.hasPrefix("@") && $0.contains("/") }) {
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
        if heading.contains("trusted committer") { return "trusted committer" }
        if heading.contains("maintainer") && !heading.contains("for maintainers") { return "maintainer" }
        if heading.contains("core team") || heading.contains("code owners") { return "maintainer" }
        return nil
    }

    private static func role(inSentence sentence: String) -> String? {
        if sentence.contains("trusted committer") { return "trusted committer" }
        if sentence.contains("maintainers are") || sentence.contains("maintained by @")
            || sentence.contains("maintainer is") || sentence.contains("current maintainers") {
            return "maintainer"
        }
        return nil
    }
}
