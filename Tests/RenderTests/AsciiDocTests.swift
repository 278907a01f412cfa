import Markdown
import Testing

/// AsciiDoc read as Markdown, line for line: what a reader of the converted text sees is what
/// the AsciiDoc says, at the same line.
@Suite struct AsciiDocTests {
    static let guide = """
        = Contributing to Widgets
        Ada Example <ada@widgets.example>
        :uri-issues: https://git.widgets.example/widgets/issues
        // a comment nobody reads

        == Development set-up

        . Clone the repository.
        .. On Windows, use WSL.
        * Report bugs in the {uri-issues}[issue tracker].
        ** See <<testing,how we test>> and link:docs/STYLE.adoc[the style guide].

        [source,console]
        ----
        $ bundle install
        $ bundle exec rake
        ----

        ////
        A comment block
        ////
        .Build options
        image::{uri-issues}/logo.png[Logo]
        """

    @Test func lineForLine() {
        let markdown = AsciiDoc.markdown(from: Self.guide)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.guide.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[0] == "# Contributing to Widgets")
        #expect(lines[1] == "", "the author line is not text")
        #expect(lines[2] == "" && lines[3] == "", "attribute entries and comments are not text")
        #expect(lines[5] == "## Development set-up")
        #expect(lines[7] == "1. Clone the repository.")
        #expect(lines[8] == "   1. On Windows, use WSL.")
        #expect(lines[9] == "- Report bugs in the [issue tracker](https://git.widgets.example/widgets/issues).")
        #expect(lines[10] == "  - See how we test and [the style guide](docs/STYLE.adoc).")
        #expect(lines[12] == "" && lines[13] == "```console" && lines[14] == "$ bundle install" && lines[16] == "```")
        #expect(lines[18...20].allSatisfy { $0.isEmpty }, "a comment block is not text")
        #expect(lines[21] == "**Build options**")
        #expect(lines[22] == "![Logo](https://git.widgets.example/widgets/issues/logo.png)")
    }

    @Test func theConvertedTextParsesAsMarkdown() {
        let document = MarkdownDocument(parsing: AsciiDoc.markdown(from: Self.guide))
        let blocks = document.root.descendants
        #expect(blocks.contains { $0.kind == .codeBlock && $0.fenceInfo == "console" && $0.startLine == 14 })
        #expect(blocks.contains { $0.kind == .heading && $0.plainText == "Development set-up" && $0.startLine == 6 })
        #expect(blocks.contains { $0.kind == .link && $0.url == "https://git.widgets.example/widgets/issues" })
    }

    /// A paragraph whose first line is indented is literal text (AsciiDoc's literal paragraph):
    /// code, also when it belongs to the list item above it.
    @Test func literalParagraphsAreCode() {
        let text = """
            == Testing

            To run one test file:

             $ ruby test/blocks_test.rb
               -n /wip/

            . Build the docs:

              bundle exec yard
            """
        let markdown = AsciiDoc.markdown(from: text)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[4] == "    $ ruby test/blocks_test.rb")
        #expect(lines[5] == "      -n /wip/")
        let document = MarkdownDocument(parsing: markdown)
        let code = document.root.descendants.filter { $0.kind == .codeBlock }
        #expect(code.map(\.startLine) == [5, 10])
        #expect(code.map { $0.literal ?? "" } == ["$ ruby test/blocks_test.rb\n  -n /wip/\n", "bundle exec yard\n"])
        #expect(code.last?.parent?.kind == .item, "inside the list item")
        withExtendedLifetime(document) {}
    }

    /// Indented list items stay list items.
    @Test(arguments: ["  * Report bugs.", "  - Report bugs.", "  1. Report bugs.", "  . Report bugs."])
    func indentedListItemsAreNoLiteralText(item: String) {
        let markdown = AsciiDoc.markdown(from: "== Help\n\n" + item + "\n")
        let document = MarkdownDocument(parsing: markdown)
        #expect(!document.root.descendants.contains { $0.kind == .codeBlock }, "\(markdown)")
        #expect(document.root.descendants.contains { $0.kind == .item })
        withExtendedLifetime(document) {}
    }

    /// An unclosed block runs to the end, and the line count still holds.
    @Test(arguments: ["", "\n\n", "----\nmake", "////\nhidden", "[source,sh]", "= ", ":a:", "{x}[y]", "https://x[", "<<a"])
    func brokenInputKeepsItsLines(text: String) {
        let markdown = AsciiDoc.markdown(from: text)
        #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    /// A large document of unclosed blocks, references and lists keeps its lines too.
    @Test func aLargeDocumentKeepsItsLines() {
        let text = String(repeating: "----\n{undefined}[x] <<a,b>> https://x.example[y]\n* item\n", count: 5_000)
        let markdown = AsciiDoc.markdown(from: text)
        #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
