import AtriumModel
import Foundation
import SafeFiles
import Markdown
import Publish
import Render
import Yams

/// The site's hand-written pages: `content/pages/*.md`, each with an optional YAML front
/// matter block giving its `title`.
enum ContentPages {
    static func load(from directory: String) throws -> [ContentPage] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted()
        return try names.map { name in
            let path = directory + "/" + name
            let text: String
            switch RegularFile.text(path, limit: RegularFile.siteFileLimit, followingLinks: true) {
            case .success(let read): text = read
            case .failure(let refusal): throw SiteLoader.ConfigurationError(file: path, line: nil, message: refusal.description)
            }
            let (frontMatter, body) = FrontMatter.split(text)
            var title: String?
            if let frontMatter {
                do {
                    title = try Yams.compose(yaml: frontMatter)?["title"]?.string
                } catch {
                    throw SiteLoader.ConfigurationError(file: path, line: nil, message: "invalid front matter: \(error)")
                }
            }
            let document = MarkdownDocument(parsing: body)
            let firstHeading = document.root.children.first { $0.kind == .heading }?.plainText
            let stem = String(name.dropLast(3))
            let rendered = HTMLRenderer.render(document, path: "pages/" + name,
                                               options: RenderOptions(anchorPrefix: ""))
            return ContentPage(slug: Slug.make(from: stem), title: title ?? firstHeading ?? stem,
                               document: rendered)
        }
    }
}
