import AtriumModel
import Markdown
import Testing
@testable import Render

/// The sanitiser on the tricky cases: it writes only what its allowlist lets out of a real
/// HTML5 parse, so parser tricks cannot smuggle markup through.
@Suite struct HTMLSanitizerTests {
    let sanitizer = HTMLSanitizer { url, isImage in
        HTMLRenderer.resolve(url, isImage: isImage, options: RenderOptions(
            links: LinkContext(documentPath: "README.md", web: WebLinks(repository: "r", ref: "main",
                webTemplate: "https://git.example.com/{name}/blob/{ref}/{path}", rawTemplate: nil))))
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle/></svg>",
        "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<!--><img src=x onerror=alert(1)>-->",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<title><img src=x onerror=alert(1)></title>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<template><img src=x onerror=alert(1)></template>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<base href=\"javascript:alert(1)//\"><meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<p style=\"background:url(javascript:alert(1))\" onclick=alert(1) class=evil>x</p>",
        "<img src=x `onerror=alert(1)`>",
        "<picture><source srcset=\"javascript:alert(1) 1x\"><img src=\"ok.png\"></picture>",
    ])
    func neutralises(payload: String) {
        let html = sanitizer.sanitize(payload).lowercased()
        for forbidden in ["<script", "onerror", "onload", "onclick", "javascript:", "<svg", "<math", "<iframe", "<object",
                          "<embed", "<form", "<base", "<meta", "style=", "class=\"evil", "data:text/html", "data:image"] {
            #expect(!html.contains(forbidden), "\(payload) → \(html)")
        }
    }

    @Test func legitimateHTMLStillRenders() {
        let html = sanitizer.sanitize("""
            <p align="center"><img src="docs/logo.png" alt="Logo" width="120"></p>
            <details open><summary>More</summary><p>Hidden <kbd>Ctrl</kbd>+<kbd>K</kbd> H<sub>2</sub>O</p></details>
            <table><tr><th colspan="2">Head</th></tr><tr><td>a</td><td>b</td></tr></table>
            <a href="https://ci.example/x"><img src="https://img.shields.io/badge/x.svg" alt="build"></a><br>
            <center>Centred</center>
            """)
        #expect(html.contains("<p align=\"center\"><img src=\"https://git.example.com/r/blob/main/docs/logo.png\" alt=\"Logo\" width=\"120\"></p>"))
        #expect(html.contains("<details open=\"\"><summary>More</summary>"))
        #expect(html.contains("<kbd>Ctrl</kbd>"))
        #expect(html.contains("<sub>2</sub>"))
        #expect(html.contains("<th colspan=\"2\">Head</th>"))
        #expect(html.contains("<td>a</td>"))
        #expect(html.contains("<a href=\"https://ci.example/x\"><img src=\"https://img.shields.io/badge/x.svg\" alt=\"build\"></a><br>"))
        #expect(html.contains("<div align=\"center\">Centred</div>"))
    }

    @Test func authorIdsAndFragmentLinksArePrefixed() {
        let html = sanitizer.sanitize("<a id=\"top\" name=\"top\" href=\"#install\">x</a><h2 id=\"user-content-ok\">h</h2>")
        #expect(html == "<a id=\"user-content-top\" name=\"user-content-top\" href=\"#user-content-install\">x</a><h2 id=\"user-content-ok\">h</h2>")
    }

    @Test func textIsEscapedOnTheWayOut() {
        #expect(sanitizer.sanitize("<p>1 &lt; 2 &amp;&amp; \"q\"</p>") == "<p>1 &lt; 2 &amp;&amp; &quot;q&quot;</p>")
    }

    @Test func unknownElementsKeepTheirText() {
        #expect(sanitizer.sanitize("<font color=red><blink>hi</blink></font>") == "hi")
    }

    @Test func taskListCheckboxesStayDisabled() {
        #expect(sanitizer.sanitize("<input type=\"checkbox\" checked><input type=\"text\" value=\"x\">")
                    == "<input type=\"checkbox\" disabled=\"\" checked=\"\">")
    }
}

@Suite struct HostileSizeTests {
    @Test func deeplyNestedRawHTMLDoesNotExhaustTheStack() {
        let nested = String(repeating: "<div>", count: 30_000) + "deep" + String(repeating: "</div>", count: 30_000)
        let html = HTMLRenderer.render(MarkdownDocument(parsing: "Start\n\n" + nested), path: "README.md",
                                       options: RenderOptions()).html
        #expect(html.hasPrefix("<p>Start</p>"))
        #expect(html.components(separatedBy: "<div>").count <= HTMLSanitizer.maxDepth + 1)
    }
}

@Suite struct SanitizerElementsGumboDoesNotKnowTests {
    let sanitizer = HTMLSanitizer { url, _ in url.hasPrefix("https://") ? url : nil }

    @Test func pictureIsKeptAndDialogIsDropped() {
        let html = sanitizer.sanitize("<picture><source srcset=\"https://x/a.webp\" media=\"(min-width: 600px)\"><img src=\"https://x/a.png\" alt=\"a\"></picture><dialog open>hidden</dialog>")
        #expect(html == "<picture><source srcset=\"https://x/a.webp\" media=\"(min-width: 600px)\"><img src=\"https://x/a.png\" alt=\"a\"></picture>")
    }

    @Test func footnotesOfTwoDocumentsOnOnePageKeepTheirOwnIds() {
        func render(_ prefix: String) -> String {
            HTMLRenderer.render(MarkdownDocument(parsing: "Note[^1].\n\n[^1]: The note.\n"), path: "x.md",
                                options: RenderOptions(anchorPrefix: prefix)).html
        }
        let readme = render("readme-"), guide = render("contributing-")
        #expect(readme.contains("id=\"user-content-readme-fn-1\""))
        #expect(readme.contains("href=\"#user-content-readme-fn-1\""))
        #expect(guide.contains("id=\"user-content-contributing-fn-1\""))
        #expect(!readme.contains("\"fn-1\""))
    }
}
