import AtriumModel
import AtriumTestSupport
import Foundation
import Markdown
import Render
import Testing

/// Golden files of each sample README as the catalogue renders it (anchors, links to the git
/// server, raw HTML handled): `Tests/RenderTests/Snapshots/`. Regenerate with
/// `RECORD_SNAPSHOTS=1 swift test --filter RenderSnapshotTests`.
@Suite struct RenderSnapshotTests {
    static let samples = (try? FileManager.default.contentsOfDirectory(atPath: Checkout.samples).sorted()) ?? []

    @Test(arguments: samples)
    func readme(sample: String) throws {
        let path = Checkout.samples + "/" + sample + "/README.md"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        let links = WebLinks(repository: sample, ref: "main",
                             webTemplate: "https://git.acme.example/{name}/blob/{ref}/{path}", rawTemplate: nil)
        let rendered = HTMLRenderer.render(MarkdownDocument(parsing: FrontMatter.split(text).body), path: "README.md",
                                           options: RenderOptions(anchorPrefix: "readme-",
                                                                  links: LinkContext(documentPath: "README.md", web: links)))
        if let mismatch = snapshotMismatch(rendered.html, named: sample + ".html",
                                           in: Checkout.root + "/Tests/RenderTests/Snapshots") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
