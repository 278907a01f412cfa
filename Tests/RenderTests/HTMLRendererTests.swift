import AtriumModel
import Markdown
import Render
import Testing

@Suite struct HTMLRendererTests {
    let web = WebLinks(repository: "payments-sdk", ref: "main",
                       webTemplate: "https://git.example.com/{name}/blob/{ref}/{path}",
                       rawTemplate: "https://git.example.com/{name}/raw/{ref}/{path}")

    func render(_ markdown: String, path: String = "README.md", web: WebLinks? = nil,
                anchors: String? = "readme-") -> RenderedDocument {
        let links = LinkContext(documentPath: path, web: web ?? self.web)
        return HTMLRenderer.render(MarkdownDocument(parsing: markdown), path: path,
                                   options: RenderOptions(anchorPrefix: anchors, links: links))
    }

    // MARK: - GFM extensions

    @Test func rendersTheGitHubExtensions() {
        let html = render("""
            | a | b |
            |---|--:|
            | 1 | 2 |

            ~~old~~ and www.example.com

            - [x] done
            - [ ] todo

            Note[^1].

            [^1]: The footnote.
            """, anchors: nil).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(html.contains("class=\"footnotes\""))
    }

    // MARK: - Untrusted input

    @Test func rawHTMLIsSanitizedNotPassedThrough() {
        let html = render("<script>alert(1)</script>\n\nText <img src=\"logo.png\" onerror=alert(1)> more.\n").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert(1)"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("<p>Text <img src=\"https://git.example.com/payments-sdk/raw/main/logo.png\"> more.</p>"))
    }

    @Test func rawHTMLCanBeOmittedInstead() {
        let document = MarkdownDocument(parsing: "Text <b>bold</b>.")
        let html = HTMLRenderer.render(document, path: "README.md", options: RenderOptions(rawHTML: .omit)).html
        #expect(html == "<p>Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>\n")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)", " javascript:alert(1)", "vbscript:msgbox", "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
    ])
    func linksWithDangerousSchemesLoseTheirLinkButKeepTheirText(url: String) {
        let html = render("[click me](<\(url)>)").html
        #expect(html == "<p>click me</p>\n", "\(url)")
    }

    @Test(arguments: ["https://example.com/a", "http://example.com/", "mailto:team@example.com", "//cdn.example.com/x"])
    func linksWithAllowedSchemesStay(url: String) {
        let html = render("[ok](\(url))").html
        #expect(html.contains("<a href=\""), "\(url)")
    }

    @Test func imagesFromDangerousSchemesBecomeTheirDescription() {
        let html = render("![tracking pixel](javascript:alert(1)) ![inline](data:image/svg+xml;base64,PHN2Zz4=)").html
        #expect(html == "<p>tracking pixel inline</p>\n")
    }

    // MARK: - Links into the repository

    @Test func relativeLinksPointAtTheRepositoryOnItsGitServer() {
        let html = render("[setup](docs/setup.md#install) and ![flow](./img/flow.png) and [root](/LICENSE)",
                          path: "docs/CONTRIBUTING.md").html
        #expect(html.contains("<a href=\"https://git.example.com/payments-sdk/blob/main/docs/docs/setup.md#install\">setup</a>"))
        #expect(html.contains("<img src=\"https://git.example.com/payments-sdk/raw/main/docs/img/flow.png\" alt=\"flow\" />"))
        #expect(html.contains("<a href=\"https://git.example.com/payments-sdk/blob/main/LICENSE\">root</a>"))
    }

    @Test func dotDotNeverLeavesTheRepository() {
        let html = render("[x](../../../../etc/passwd)").html
        #expect(html.contains("href=\"https://git.example.com/payments-sdk/blob/main/etc/passwd\""))
    }

    @Test func pathsAreEncodedOnce() {
        let html = render("[a](docs/my%20notes.md) [b](<docs/über uns.md>)").html
        #expect(html.contains("blob/main/docs/my%20notes.md\""))
        #expect(html.contains("blob/main/docs/%C3%BCber%20uns.md\""))
    }

    @Test func withoutAWebAddressRelativeLinksBecomeText() {
        let noWeb = WebLinks(repository: "r", ref: "HEAD", webTemplate: nil, rawTemplate: nil)
        let html = render("See [the guide](docs/guide.md) and ![logo](logo.png).", web: noWeb).html
        #expect(html == "<p>See the guide and logo.</p>\n")
    }

    // MARK: - Headings

    @Test func headingsGetGitHubAnchorsThatInDocumentLinksFollow() {
        let rendered = render("""
            # Payments SDK
            ## Getting Started!
            ## Getting Started!
            ## `make` & Über-Setup
            See [setup](#getting-started).
            """)
        #expect(rendered.headings.map(\.anchor) == [
            "user-content-readme-payments-sdk", "user-content-readme-getting-started", "user-content-readme-getting-started-1",
            "user-content-readme-make--über-setup",
        ])
        #expect(rendered.headings.map(\.level) == [1, 2, 2, 2])
        #expect(rendered.headings[3].text == "make & Über-Setup")
        #expect(rendered.html.contains("<div class=\"markdown-heading\" id=\"user-content-readme-getting-started\">\n<h2>Getting Started!</h2>"))
        #expect(rendered.html.contains("<a href=\"#user-content-readme-getting-started\">setup</a>"))
    }

    @Test func headingTextIsEscapedInTheAnchorMarkup() {
        let rendered = render("## \"><img src=x onerror=alert(1)>\n")
        #expect(!rendered.html.contains("onerror"))
        #expect(rendered.html.contains("aria-label=\"Link to this section: &quot;&gt;\""))
    }

    @Test func plainTextDocumentsArePreformattedAndEscaped() {
        let rendered = HTMLRenderer.renderPlainText("Title\n=====\n\n<b>not bold</b> & more", path: "README.rst")
        #expect(rendered.html == "<pre class=\"plain-text\">Title\n=====\n\n&lt;b&gt;not bold&lt;/b&gt; &amp; more</pre>\n")
    }
}

@Suite struct ConcurrentParsingTests {
    /// cmark-gfm keeps extension trigger characters in a global table; parsing in parallel
    /// must still give every document its autolinks and strikethrough.
    @Test func parallelParsesGiveTheSameHTML() async {
        let markdown = (1...40).map { "Line \($0): see https://example.com/\($0) and ~~old~~ www.example.org\n" }.joined()
        let expected = MarkdownDocument(parsing: markdown).html(unsafe: false)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 {
                group.addTask { MarkdownDocument(parsing: markdown).html(unsafe: false) }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.contains("<a href=\"https://example.com/40\">"))
    }
}
