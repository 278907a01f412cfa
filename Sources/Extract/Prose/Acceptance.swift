import AtriumModel
import Markdown

/// What a project says it welcomes and what it will not take: list items under headings such
/// as "What we accept" / "What we do not accept", and explicit sentences anywhere.
enum Acceptance {
    struct Result {
        var accepts: [Contribution] = []
        var doesNotAccept: [Contribution] = []
    }

    static func read(_ prose: ProseDocument) -> Result {
        var result = Result()
        for section in prose.sections {
            let heading = section.heading.lowercased()
            let refusing = isRefusalHeading(heading)
            let welcoming = !refusing && isWelcomeHeading(heading)
            for block in section.blocks {
                if (welcoming || refusing) && block.kind == .list {
                    for item in block.children where item.kind == .item {
                        let text = itemText(item)
                        guard !text.isEmpty else { continue }
                        let line = item.startLine
                        // A refusal inside a welcoming list ("Features — but not without an RFC")
                        // is still a refusal.
                        let refused = refusing || isRefusalSentence(text.lowercased())
                        add(text, refused: refused, line: line, prose: prose, to: &result, fallbackOther: true)
                    }
                } else if block.kind == .paragraph || block.kind == .list || block.kind == .blockQuote {
                    for paragraph in block.descendants where paragraph.kind == .paragraph {
                        for sentence in Sentences.split(paragraph.plainText.collapsingWhitespace) {
                            let lower = sentence.lowercased()
                            let line = prose.line(of: String(sentence.prefix(24)), in: paragraph)
                            if isRefusalSentence(lower) {
                                add(sentence, refused: true, line: line, prose: prose, to: &result, fallbackOther: false)
                            } else if isWelcomeSentence(lower) {
                                add(sentence, refused: false, line: line, prose: prose, to: &result, fallbackOther: false)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    private static func add(_ text: String, refused: Bool, line: Int, prose: ProseDocument,
                            to result: inout Result, fallbackOther: Bool) {
        var types = ContributionTypes.classify(text)
        if types.isEmpty {
            guard fallbackOther else { return }
            types = [.other]
        }
        let clean = text.collapsingWhitespace
        for type in types {
            let fact = Contribution(type: type, text: clean, source: prose.source(line))
            if refused {
                if !result.doesNotAccept.contains(where: { $0.type == type }) { result.doesNotAccept.append(fact) }
            } else if !result.accepts.contains(where: { $0.type == type }) {
                result.accepts.append(fact)
            }
        }
    }

    /// The text of a list item's own paragraphs (not of lists nested in it).
    static func itemText(_ item: MarkdownNode) -> String {
        item.children.filter { $0.kind == .paragraph }.map(\.plainText).joined(separator: " ").collapsingWhitespace
    }

    // MARK: - Wording

    static func isWelcomeHeading(_ heading: String) -> Bool {
        ["what we accept", "we accept", "we welcome", "welcome contributions", "contributions we", "types of contribution",
         "kinds of contribution", "ways to contribute", "what to contribute", "what you can contribute",
         "how can i contribute", "how you can help", "how to help", "good contributions", "contributions welcome",
         "what can i contribute", "wanted contributions", "accepted contributions", "what kind of contributions",
         "scope of contributions", "in scope", "looking for"]
            .contains { heading.contains($0) }
    }

    static func isRefusalHeading(_ heading: String) -> Bool {
        ["not accept", "don't accept", "do not accept", "won't accept", "will not accept", "out of scope",
         "not in scope", "please don't", "please do not", "not looking for", "non-goals", "we don't want",
         "what we won't", "not welcome", "not accepted", "don't send", "do not send"]
            .contains { heading.contains($0) }
    }

    static func isRefusalSentence(_ sentence: String) -> Bool {
        let refusals = ["do not accept", "don't accept", "won't accept", "will not accept", "not accepting",
                        "cannot accept", "can't accept", "are not accepted", "is not accepted", "will be rejected",
                        "will be closed", "not be accepted", "not be merged", "won't be merged", "will not be merged",
                        "we don't take", "we do not take", "no longer accept"]
        return refusals.contains { sentence.contains($0) }
    }

    static func isWelcomeSentence(_ sentence: String) -> Bool {
        let welcomes = ["we welcome", "we accept", "we're happy to accept", "we are happy to accept", "we gladly accept",
                        "contributions are welcome", "are welcome", "we'd love", "we would love", "we appreciate",
                        "we encourage", "we are looking for", "we're looking for", "welcomes contributions",
                        "happy to receive", "we love"]
        return welcomes.contains { sentence.contains($0) } && !sentence.contains("?")
    }
}
