import AtriumModel
import Markdown

/// A Markdown document read as a reader skims it: headings and the blocks under each.
struct ProseDocument {
    struct Section {
        /// The heading's text, and those of the headings above it (outermost first).
        var headings: [String]
        var level: Int
        var line: Int
        var blocks: [MarkdownNode]

        var heading: String { headings.last ?? "" }

        /// True when this heading, or one above it, matches.
        func isUnder(_ matches: (String) -> Bool) -> Bool {
            headings.contains { matches($0.lowercased()) }
        }
    }

    let path: String
    let document: MarkdownDocument
    /// The file's lines, to point facts at the exact line inside a multi-line block.
    let lines: [Substring]
    let sections: [Section]

    init(path: String, text: String, document: MarkdownDocument) {
        self.path = path
        self.document = document
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var sections = [Section(headings: [], level: 0, line: 1, blocks: [])]
        var stack: [(level: Int, text: String)] = []
        for block in document.root.children {
            if block.kind == .heading {
                let level = block.headingLevel
                while let last = stack.last, last.level >= level { stack.removeLast() }
                let text = block.plainText.collapsingWhitespace
                stack.append((level, text))
                sections.append(Section(headings: stack.map(\.text), level: level, line: block.startLine, blocks: []))
            } else {
                sections[sections.count - 1].blocks.append(block)
            }
        }
        self.sections = sections
    }

    func source(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line) }

    /// The first line of `node` that contains `snippet` (case-insensitive), else its first line.
    func line(of snippet: String, in node: MarkdownNode) -> Int {
        let start = max(node.startLine, 1), end = min(max(node.endLine, start), lines.count)
        guard start <= end else { return start }
        let needle = snippet.lowercased()
        for number in start...end where lines[number - 1].lowercased().contains(needle) {
            return number
        }
        return start
    }

    /// Every paragraph and list-item paragraph of the document outside code, with its section.
    func textBlocks() -> [(section: Section, node: MarkdownNode)] {
        sections.flatMap { section in
            section.blocks.flatMap { block in
                block.descendants.filter { $0.kind == .paragraph || $0.kind == .heading }.map { (section, $0) }
            }
        }
    }
}

extension String {
    var collapsingWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// Sentences of a paragraph: split after `.`, `!`, `?` followed by white space.
enum Sentences {
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character.isWhitespace, ".!?".contains(previous), current.count > 2 {
                sentences.append(current.trimmingCharacters(in: " "))
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let rest = current.trimmingCharacters(in: " \n\t")
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }
}
