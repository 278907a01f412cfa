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
        for block in document.root.children {
            switch block.kind {
            case .heading where summary.title == nil:
                let text = collapse(block.plainText)
                if !text.isEmpty { summary.title = Fact(text, source: .init(file: path, line: block.startLine)) }
            case .paragraph where summary.description == nil && isProse(block):
                summary.description = Fact(shorten(collapse(block.plainText)),
                                           source: .init(file: path, line: block.startLine))
            default:
                break
            }
            if summary.description != nil { break }
        }
        return summary
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

    /// A paragraph says something when it has words outside images and links made of images.
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
        return words.unicodeScalars.filter { $0.properties.isAlphabetic }.count >= 3
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
