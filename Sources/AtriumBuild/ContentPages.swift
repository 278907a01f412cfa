import AtriumModel
import Foundation
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
            let text = try String(contentsOfFile: path, encoding: .utf8)
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

/// YAML front matter: a first line `---`, the YAML, and a closing `---` or `...` line.
enum FrontMatter {
    /// The front matter (without its fences) and the rest. The rest keeps blank lines where
    /// the front matter was, so line numbers still match the file.
    static func split(_ text: String) -> (frontMatter: String?, body: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: {
                  let line = $0.trimmingCharacters(in: .whitespaces)
                  return line == "---" || line == "..."
              }) else { return (nil, text) }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = Array(repeating: "", count: end + 1) + lines[(end + 1)...].map(String.init)
        return (yaml, body.joined(separator: "\n"))
    }
}
