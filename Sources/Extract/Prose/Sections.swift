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
        self.lines = Self.lines(of: text)
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
                open(Self.visibleText(of: block).collapsingWhitespace, level: block.headingLevel, line: block.startLine)
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
                let lower = Self.folded(text)
                // Lower-casing keeps every byte where it was in ASCII text: cut both at once.
                let sentences = lower.utf8.count == text.utf8.count && text.utf8.allSatisfy({ $0 < 0x80 })
                    ? zip(Sentences.split(text), Sentences.split(lower)).map { Sentence(text: $0, lower: $1) }
                    : Sentences.split(text).map { Sentence(text: $0, lower: Self.folded($0)) }
                index[node] = paragraphs.count
                paragraphs.append(Paragraph(node: node, section: sections.count - 1, text: text,
                                            lower: lower, sentences: sentences))
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

    /// Text as the readings match it: lower-cased, with a typographic apostrophe as the
    /// typewriter's ("don’t", "n’acceptons"), character for character.
    static func folded(_ text: String) -> String {
        let lower = text.lowercased()
        // ’ is E2 80 99: most text has no E2 byte at all.
        guard lower.utf8.contains(0xE2) else { return lower }
        return lower.replacingOccurrences(of: "\u{2019}", with: "'")
    }

    /// The text's lines, cut at each line feed byte: splitting by characters would decide every
    /// grapheme boundary of every README on the way.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// A heading as a reader sees it: its words without the images' alt texts, so that a
    /// title's badges ("Join the chat at …", "Build status") say nothing of what it is about.
    static func visibleText(of node: MarkdownNode) -> String {
        var text = ""
        for child in node.children {
            switch child.kind {
            case .image: continue
            case .text, .code: text += child.literal ?? ""
            case .softBreak, .lineBreak: text += " "
            default: text += visibleText(of: child)
            }
        }
        return text
    }
}

extension String {
    /// Runs of white space as one space, none at either end.
    var collapsingWhitespace: String {
        // Nearly all text is ASCII: bytes in, bytes out.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return collapsingWhitespaceOfScalars }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private var collapsingWhitespaceOfScalars: String {
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
    /// Works on the UTF-8 bytes: every cut is at an ASCII space or after `。`, so each piece is
    /// whole characters.
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        let bytes = Array(text.utf8)
        var start = 0, scalars = 0  // the current sentence's first byte, and its length in scalars
        var previous: UInt8 = 0x20
        var index = 0
        func cut(_ end: Int) {
            if end > start { sentences.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
            scalars = 0
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20, previous == UInt8(ascii: ".") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "?"),
               scalars > 2 {
                cut(index)
                start = index + 1
            } else if byte == 0x20 && scalars == 0 {
                start = index + 1  // no sentence starts with a space
            } else {
                if byte & 0xC0 != 0x80 { scalars += 1 }
                // 。 (E3 80 82) ends a sentence with no space after it.
                if byte == 0x82, index >= 2, bytes[index - 1] == 0x80, bytes[index - 2] == 0xE3 {
                    cut(index + 1)
                    start = index + 1
                }
            }
            previous = byte
            index += 1
        }
        cut(bytes.count)
        return sentences
    }
}
