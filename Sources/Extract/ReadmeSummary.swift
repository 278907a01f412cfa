import AtriumModel
import Markdown

/// The title and one-line description a README gives: its first heading and its first
/// paragraph of real prose (badge rows, logos and raw HTML are not a description).
struct ReadmeSummary {
    var title: Fact<String>?
    var description: Fact<String>?

    static let maxDescriptionLength = 280

    static func read(_ file: RepositoryFile, document: MarkdownDocument?) -> ReadmeSummary {
        if let document { return read(markdown: document, path: file.path) }
        return read(plainText: file.text, path: file.path)
    }

    private static func read(markdown document: MarkdownDocument, path: String) -> ReadmeSummary {
        var summary = ReadmeSummary()
        // The description is in the introduction, before the first section, or in a section
        // that says it introduces the project; a paragraph under "Usage" explains, not describes.
        // Failing that, a later paragraph that opens with the project's name ("Kubernetes is
        // an open source system…") describes it.
        var inIntroduction = true
        var sawHeading = false
        var laterCandidate: Fact<String>?
        for block in document.root.children {
            switch block.kind {
            case .heading:
                let text = collapse(block.plainText)
                if !sawHeading, block.headingLevel == 1, !text.isEmpty {
                    summary.title = Fact(text, source: .init(file: path, line: block.startLine))
                } else {
                    inIntroduction = isIntroduction(text)
                }
                sawHeading = true
            case .paragraph where isProse(block):
                let text = shorten(collapse(block.plainText))
                let fact = Fact(text, source: .init(file: path, line: block.startLine))
                if inIntroduction {
                    summary.description = fact
                } else if laterCandidate == nil, let title = summary.title?.value,
                          opens(text, with: title) {
                    laterCandidate = fact
                }
            default:
                break
            }
            if summary.description != nil { break }
        }
        if summary.description == nil { summary.description = laterCandidate }
        return summary
    }

    /// True when the paragraph defines the project: its name, then a defining verb.
    private static func opens(_ text: String, with title: String) -> Bool {
        let lower = text.lowercased(), name = title.lowercased()
        let rest = lower.hasPrefix(name) ? lower.dropFirst(name.count)
            : lower.hasPrefix("the " + name) ? lower.dropFirst(name.count + 4) : nil
        guard let rest else { return false }
        return definingVerbs.contains { rest.hasPrefix(" " + $0 + " ") }
    }

    private static let definingVerbs = ["is a", "is an", "is the", "provides", "helps", "lets", "allows",
                                        "enables", "makes", "offers", "gives"]

    private static let introductionWords = ["overview", "about", "introduction", "intro", "description",
                                            "what is", "what's", "summary", "background", "purpose"]

    private static func isIntroduction(_ heading: String) -> Bool {
        let lower = heading.lowercased()
        return introductionWords.contains { lower.hasPrefix($0) || lower.includes(" " + $0) }
    }

    /// reStructuredText and plain-text READMEs: a title is a line underlined with `===`/`---`;
    /// the description is the first other paragraph that is not a directive.
    private static func read(plainText text: String, path: String) -> ReadmeSummary {
        var summary = ReadmeSummary()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t\r")
        }
        var paragraph: [String] = []
        var paragraphLine = 0
        func isUnderline(_ line: String) -> Bool {
            line.count >= 3 && Set(line).count == 1 && "=-~*#^\"'`".contains(line.first!)
        }
        for (index, line) in (lines + [""]).enumerated() {
            if line.isEmpty {
                if !paragraph.isEmpty, summary.description == nil {
                    summary.description = Fact(shorten(collapse(paragraph.joined(separator: " "))),
                                               source: .init(file: path, line: paragraphLine))
                }
                paragraph = []
                if summary.description != nil { break }
                continue
            }
            if isUnderline(line) {
                if let heading = paragraph.last, summary.title == nil {
                    summary.title = Fact(heading, source: .init(file: path, line: index))
                }
                paragraph = []
                continue
            }
            if line.hasPrefix("..") || line.hasPrefix(":") || line.hasPrefix("|") { continue }
            if paragraph.isEmpty { paragraphLine = index + 1 }
            paragraph.append(line)
        }
        return summary
    }

    /// A paragraph says something when it has words outside images, links made of images
    /// (badges) and raw HTML.
    private static func isProse(_ paragraph: MarkdownNode) -> Bool {
        var words = ""
        func visit(_ node: MarkdownNode) {
            switch node.kind {
            case .image, .htmlInline:
                return
            case .text, .code:
                words += node.literal ?? ""
            default:
                for child in node.children { visit(child) }
            }
        }
        visit(paragraph)
        // "FIXME" or "WIP" under a title is a placeholder, not a description.
        let wordCount = words.split(whereSeparator: { $0.isWhitespace }).filter {
            $0.unicodeScalars.contains { $0.properties.isAlphabetic }
        }.count
        // Scripts written without spaces (Japanese, Chinese, Thai) count by letters instead.
        let letters = words.unicodeScalars.filter { $0.properties.isAlphabetic }
        return wordCount >= 3 || (letters.count >= 12 && letters.contains { !$0.isASCII })
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func shorten(_ text: String) -> String {
        guard text.count > maxDescriptionLength else { return text }
        let cut = text.prefix(maxDescriptionLength)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
