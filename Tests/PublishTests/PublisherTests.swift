import AtriumModel
import AtriumTestSupport
import Digest
import Foundation
import Publish
import Testing

@Suite struct PublisherTests {
    let hostileName = "<script>alert(\"x\")</script> & 'friends'"

    func publish(theme: String, overrides: String? = nil) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        let staging = try StagingArea(replacing: out)
        let publisher = Publisher(theme: try Theme(directory: theme, overrides: overrides), staging: staging,
                                  site: SiteConfiguration(title: "Test Catalogue"), contentPages: [],
                                  fingerprint: ContentDigest.of(Array("test".utf8)))
        let project = Project(slug: "demo", repository: "demo", name: Fact(hostileName, source: nil),
                              description: Fact("Says \"hi\" <b>loudly</b>", source: SourceLocation(file: "README.md", line: 3)),
                              topics: ["x<y"], readme: "README.md", files: ["README.md"])
        let links = WebLinks(repository: "demo", ref: "main", webTemplate: "https://git.example.com/{name}/blob/{ref}/{path}",
                             rawTemplate: nil)
        try publisher.writeProjectPage(ProjectPage(project: project, documents: [
            RenderedDocument(path: "README.md", html: "<p>rendered <em>markdown</em></p>\n"),
        ], links: links))
        try publisher.writeHomeAndLists([ProjectSummary(project)])
        try publisher.copyAssets()
        try staging.commit()
        return (folder, out)
    }

    @Test func valuesAreEscapedAndRenderedMarkdownIsNot() throws {
        let (folder, out) = try publish(theme: Checkout.root + "/Templates")
        _ = folder
        let page = try String(contentsOfFile: out + "/projects/demo/index.html", encoding: .utf8)
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;"))
        #expect(page.contains("Says &quot;hi&quot; &lt;b&gt;loudly&lt;/b&gt;"))
        #expect(page.contains("<p>rendered <em>markdown</em></p>"))
        #expect(page.contains("href=\"https://git.example.com/demo/blob/main/README.md#L3\""))
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(home.contains("<a href=\"projects/demo/\">&lt;script&gt;"))
        #expect(FileManager.default.fileExists(atPath: out + "/assets/site.css"))
    }

    @Test func aSiteTemplateReplacesTheDefaultOfTheSameName() throws {
        let site = try TemporaryFolder()
        try site.write("{{<layout}}{{$content}}<p id=\"custom\">{{name}}</p>{{/content}}{{/layout}}", to: "project.mustache")
        try site.write("body { color: red; }", to: "assets/site.css")
        let (folder, out) = try publish(theme: Checkout.root + "/Templates", overrides: site.path)
        _ = folder
        let page = try String(contentsOfFile: out + "/projects/demo/index.html", encoding: .utf8)
        #expect(page.contains("<p id=\"custom\">&lt;script&gt;"))
        #expect(page.contains("<nav aria-label=\"Site\">"))  // the default layout still frames it
        #expect(try String(contentsOfFile: out + "/assets/site.css", encoding: .utf8) == "body { color: red; }")
    }

    @Test func aFolderWithoutALayoutIsNotATheme() throws {
        let empty = try TemporaryFolder()
        #expect(throws: Theme.LoadError.self) { _ = try Theme(directory: empty.path) }
    }
}

/// The URL layout read backwards: which project, if any, a published path belongs to.
@Suite struct SiteLayoutTests {
    @Test(arguments: [
        ("projects/payments-sdk/index.html", "payments-sdk"), ("projects/payments-sdk/badge.svg", "payments-sdk"),
        ("api/projects/payments-sdk.json", "payments-sdk"), ("projects/payments-sdk/other.html", nil),
        ("api/projects.json", nil), ("owners/acme-payments/index.html", nil), ("projects/index.html", nil),
        ("api/projects/a/b.json", nil),
    ] as [(String, String?)])
    func theProjectOfAPublishedFile(path: String, slug: String?) {
        #expect(SiteLayout.slug(ofProjectFile: path) == slug)
    }

    @Test func everyProjectFileLeadsBackToItsSlug() {
        for slug in ["a", "payments-sdk", "übersetzung-service"] {
            #expect(SiteLayout.projectFiles(slug: slug).allSatisfy { SiteLayout.slug(ofProjectFile: $0) == slug })
        }
    }
}
