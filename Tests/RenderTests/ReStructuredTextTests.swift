import Markdown
import Testing

/// reStructuredText read as Markdown, line for line: titles, code blocks, admonitions and
/// directives as a reader of the rendered page meets them, each at its own line.
@Suite struct ReStructuredTextTests {
    static let guide = """
        Contributing
        ============

        .. note::

            Pure feature requests will **not** be considered.
            Read on for the reasons.

        Set-up::

            make test

        .. image:: logo.png
            :alt: Logo

        .. warning:: Never push to ``main``.
        Back in the text.
        """

    @Test func lineForLine() {
        let markdown = ReStructuredText.markdown(from: Self.guide)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.guide.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[0] == "# Contributing" && lines[1] == "")
        #expect(Array(lines[3...6]) == ["> **Note:**", ">", "> Pure feature requests will **not** be considered.",
                                        "> Read on for the reasons."])
        #expect(lines[10] == "make test", "a literal block stays a code block")
        #expect(lines[12] == "" && lines[13] == "", "other directives are not text")
        #expect(lines[15] == "> **Warning:** Never push to `main`.")
        #expect(lines[16] == "Back in the text.")
    }

    /// An admonition with no body, one at the end of the file, or an unknown directive keeps
    /// the line count and never traps.
    @Test(arguments: ["", ".. note::", ".. note::\n", ".. note::\n\n", ".. admonition::", ".. admonition:: Heads up\n    body",
                      ".. warning:: x\n    y\n\n    z", ".. unknownthing::\n    body", "::", ".. note::" + String(repeating: "\n    x", count: 5_000)])
    func edgesKeepTheirLines(text: String) {
        let markdown = ReStructuredText.markdown(from: text)
        #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    /// What a note says is prose the extractors read, not an indented code block.
    @Test func anAdmonitionIsAQuoteOfParagraphs() {
        let document = MarkdownDocument(parsing: ReStructuredText.markdown(from: Self.guide))
        let nodes = document.root.descendants
        #expect(nodes.contains { $0.kind == .blockQuote && $0.startLine == 4 })
        #expect(nodes.contains { $0.kind == .paragraph && $0.plainText.hasPrefix("Pure feature requests") && $0.startLine == 6 })
        #expect(!nodes.contains { $0.kind == .codeBlock && ($0.literal ?? "").contains("feature requests") })
        #expect(nodes.contains { $0.kind == .codeBlock && $0.literal == "make test\n" })
    }
}
