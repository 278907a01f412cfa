import AtriumModel
import Markdown

/// A Markdown document read as a reader skims it: headings, the blocks under each, and every
/// paragraph's text and sentences, worked out once and read by every extractor.
struct ProseDocument {
    struct Section {
        /// The heading's text, and those of the headings above it (outermost first).
        var headings: [String]
        var level: Int
        var line: Int
        var blocks: [MarkdownNode]

        var heading: String { headings.last ?? "" }

        /// True when this heading, or one above it, matches (given lower-cased text).
        func isUnder(_ matches: (String) -> Bool) -> Bool {
            headings.contains { matches($0.lowercased()) }
        }
    }

    /// A paragraph as text: white space collapsed, and lower-cased for matching.
    struct Paragraph {
        var node: MarkdownNode
        var section: Int
        var text: String
        var lower: String
        var sentences: [Sentence]
    }

    struct Sentence {
        var text: String
        var lower: String
    }

    let path: String
    /// Kept alive here: sections and paragraphs point into its tree.
    let document: MarkdownDocument
    /// The file's lines, to point facts at the exact line inside a multi-line block.
    let lines: [Substring]
    let sections: [Section]
    /// Every paragraph (also those in lists and quotes), in document order.
    let paragraphs: [Paragraph]
    private let paragraphIndex: [MarkdownNode: Int]
    private let sectionParagraphs: [Range<Int>]

    init(path: String, text: String, document: MarkdownDocument) {
        self.path = path
        self.document = document
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var sections = [Section(headings: [], level: 0, line: 1, blocks: [])]
        var stack: [(level: Int, text: String)] = []
        var paragraphs: [Paragraph] = []
        var index: [MarkdownNode: Int] = [:]
        // A `<details><summary>Hacking on it</summary>` block reads as a heading one level
        // under the current one, until its `</details>`.
        var detailsLevels: [Int] = []
        func open(_ text: String, level: Int, line: Int) {
            while let last = stack.last, last.level >= level { stack.removeLast() }
            stack.append((level, text))
            sections.append(Section(headings: stack.map(\.text), level: level, line: line, blocks: []))
        }
        for block in document.root.children {
            if block.kind == .heading {
                detailsLevels.removeAll()
                open(block.plainText.collapsingWhitespace, level: block.headingLevel, line: block.startLine)
                continue
            }
            if block.kind == .htmlBlock, let html = block.literal {
                if let summary = HTMLFragments.text(of: "summary", in: html) {
                    let level = (stack.last?.level ?? 0) + 1
                    detailsLevels.append(level)
                    open(summary, level: level, line: block.startLine)
                    if !html.lowercased().includes("</details>") { continue }
                }
                if html.lowercased().includes("</details>"), let level = detailsLevels.popLast() {
                    while let last = stack.last, last.level >= level { stack.removeLast() }
                    sections.append(Section(headings: stack.map(\.text), level: stack.last?.level ?? 0,
                                            line: block.startLine, blocks: []))
                    continue
                }
            }
            sections[sections.count - 1].blocks.append(block)
            for node in block.descendants where node.kind == .paragraph {
                let text = node.plainText.collapsingWhitespace
                let sentences = Sentences.split(text).map { Sentence(text: $0, lower: $0.lowercased()) }
                index[node] = paragraphs.count
                paragraphs.append(Paragraph(node: node, section: sections.count - 1, text: text,
                                            lower: text.lowercased(), sentences: sentences))
            }
        }
        var ranges = [Range<Int>](repeating: 0..<0, count: sections.count)
        var start = 0
        while start < paragraphs.count {
            let section = paragraphs[start].section
            var end = start
            while end < paragraphs.count && paragraphs[end].section == section { end += 1 }
            ranges[section] = start..<end
            start = end
        }
        self.sections = sections
        self.paragraphs = paragraphs
        self.paragraphIndex = index
        self.sectionParagraphs = ranges
    }

    func source(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line) }

    func paragraph(_ node: MarkdownNode) -> Paragraph? {
        paragraphIndex[node].map { paragraphs[$0] }
    }

    /// The paragraphs under section `index`, in order.
    func paragraphs(inSection index: Int) -> ArraySlice<Paragraph> {
        paragraphs[sectionParagraphs[index]]
    }

    /// The first line of `node` that contains `snippet` (case-insensitive), else its first line.
    func line(of snippet: String, in node: MarkdownNode) -> Int {
        let start = max(node.startLine, 1), end = min(max(node.endLine, start), lines.count)
        guard start <= end else { return start }
        // A sentence's first words: the line may break anywhere after them.
        let needle = snippet.lowercased().collapsingWhitespace
        for number in start...end where lines[number - 1].lowercased().includes(needle) {
            return number
        }
        return start
    }
}

extension String {
    /// Runs of white space as one space, none at either end.
    var collapsingWhitespace: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Sentences of a paragraph: split after `.`, `!`, `?` (and `。`) followed by a space.
enum Sentences {
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar == " ", previous == "." || previous == "!" || previous == "?", current.count > 2 {
                sentences.append(String(current))
                current = String.UnicodeScalarView()
            } else if !(scalar == " " && current.isEmpty) {
                current.append(scalar)
                if scalar == "。" {
                    sentences.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
            previous = scalar
        }
        if !current.isEmpty { sentences.append(String(current)) }
        return sentences
    }
}
