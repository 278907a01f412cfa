import Foundation

/// One example of a GFM spec file (`spec.txt`, `extensions.txt`, `regression.txt`).
///
/// An example is written as
///
///     ```````````````````````````````` example [extension ...]
///     Markdown
///     .
///     expected HTML
///     ````````````````````````````````
///
/// and `→` stands for a tab in both parts.
struct SpecExample: Sendable, Hashable {
    /// 1-based position among the examples of its file, disabled ones included, so that
    /// the numbers agree with the ones the spec and its test runners print.
    let number: Int
    /// Text of the most recent heading before the example, without its `#` marker.
    let section: String
    let markdown: String
    let html: String
    /// 1-based line number of the example's opening fence.
    let line: Int
    /// Words written after `example` on the opening fence, such as `table` or `disabled`.
    let extensions: [String]

    /// The spec marks examples its reference implementation does not support as `disabled`;
    /// its test runner skips them.
    var isDisabled: Bool { extensions.contains("disabled") }

    /// An example whose expected HTML is `<IGNORE>` only checks that rendering does not fail;
    /// the spec's test runner counts it as passed whatever the output.
    var ignoresOutput: Bool {
        html.trimmingCharacters(in: .whitespacesAndNewlines) == "<IGNORE>"
    }

    static func parse(contentsOf url: URL) throws -> [SpecExample] {
        parse(try String(contentsOf: url, encoding: .utf8))
    }

    static func parse(_ text: String) -> [SpecExample] {
        var parser = SpecFileParser()
        for (index, line) in lines(of: text).enumerated() {
            parser.consume(line, lineNumber: index + 1)
        }
        return parser.examples
    }

    /// Splits on LF only, keeping each terminator: the files contain a CR + CR + LF line
    /// whose carriage returns belong to the example, and Swift's `Character` treats
    /// CR + LF as one character, so the split has to work on scalars.
    private static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            current.append(scalar)
            if scalar == "\n" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty {
            lines.append(String(current))
        }
        return lines
    }
}

/// The line-by-line state machine of the spec's own test runner (`spec_tests.py`).
private struct SpecFileParser {
    private enum State {
        case prose
        case markdown
        case html
    }

    private static let fence = String(repeating: "`", count: 32)
    private static let opening = fence + " example"

    private(set) var examples: [SpecExample] = []
    private var state = State.prose
    private var section = ""
    private var openingLine = 0
    private var extensions: [String] = []
    private var markdownLines: [String] = []
    private var htmlLines: [String] = []

    mutating func consume(_ line: String, lineNumber: Int) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        switch state {
        case .prose:
            if trimmed.hasPrefix(Self.opening) {
                open(trimmed, lineNumber: lineNumber)
            } else if let heading = Self.headingText(of: line) {
                section = heading
            }
        case .markdown:
            if trimmed == "." {
                state = .html
            } else if trimmed == Self.fence {
                close()
            } else {
                markdownLines.append(line)
            }
        case .html:
            if trimmed == Self.fence {
                close()
            } else {
                htmlLines.append(line)
            }
        }
    }

    private mutating func open(_ fenceLine: String, lineNumber: Int) {
        state = .markdown
        openingLine = lineNumber
        extensions = fenceLine.dropFirst(Self.opening.count)
            .split(whereSeparator: \.isWhitespace)
            .map(String.init)
        markdownLines = []
        htmlLines = []
    }

    private mutating func close() {
        state = .prose
        examples.append(
            SpecExample(
                number: examples.count + 1,
                section: section,
                markdown: Self.expandingTabArrows(markdownLines.joined()),
                html: Self.expandingTabArrows(htmlLines.joined()),
                line: openingLine,
                extensions: extensions
            )
        )
    }

    /// ATX headings only (`## Tabs`): the spec files use no other kind.
    private static func headingText(of line: String) -> String? {
        let afterMarker = line.drop(while: { $0 == "#" })
        guard afterMarker.count < line.count, afterMarker.first == " " else { return nil }
        return afterMarker.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The files write tabs as `→` so that they stay visible.
    private static func expandingTabArrows(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { $0 == "\u{2192}" ? "\t" : $0 }
        return String(String.UnicodeScalarView(scalars))
    }
}
