public import AtriumModel
public import Markdown

/// Turns parsed Markdown into HTML for the catalogue's pages.
///
/// For untrusted documents the tree is made safe before cmark-gfm writes it: raw HTML is
/// replaced, URLs with schemes outside an allowlist are removed, relative links are pointed at
/// the repository's web pages. Headings get GitHub-compatible anchors.
public enum HTMLRenderer {
    /// Renders `document`, changing its tree: render a document once, after every stage that
    /// reads its structure.
    public static func render(_ document: MarkdownDocument, path: String,
                              options: RenderOptions) -> RenderedDocument {
        var headings: [RenderedDocument.Heading] = []
        var anchors = HeadingAnchors()
        // Collect first, change after: cmark's iterator must not see the tree change under it.
        for node in document.root.descendants {
            switch node.kind {
            case .htmlBlock, .htmlInline:
                if options.rawHTML == .omit { node.literal = "<!-- raw HTML omitted -->" }
            case .link:
                if options.checksURLs || options.links != nil || options.anchorPrefix != nil {
                    rewriteLink(node, options: options)
                }
            case .image:
                if options.checksURLs || options.links != nil { rewriteImage(node, options: options) }
            case .heading:
                guard let prefix = options.anchorPrefix else { continue }
                let text = node.plainText.trimmingSpaces
                let anchor = prefix + anchors.anchor(for: text)
                let id = HTMLEscaping.escape(anchor)
                let label = HTMLEscaping.escape("Link to this section: \(text)")
                node.wrap(enter: "<div class=\"markdown-heading\" id=\"\(id)\">",
                          exit: "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"\(label)\">#</a></div>")
                headings.append(.init(level: node.headingLevel, text: text, anchor: anchor))
            default:
                continue
            }
        }
        // The tree now holds only what the options allow, and the markup the walk inserted:
        // cmark must write it as it is.
        let html = document.html(unsafe: true)
        return RenderedDocument(path: path, html: html, headings: headings)
    }

    /// A README or CONTRIBUTING that is not Markdown (reStructuredText, plain text) is shown as
    /// it is written, as preformatted text.
    public static func renderPlainText(_ text: String, path: String) -> RenderedDocument {
        RenderedDocument(path: path, html: "<pre class=\"plain-text\">\(HTMLEscaping.escape(text))</pre>\n")
    }

    private static func rewriteLink(_ node: MarkdownNode, options: RenderOptions) {
        switch URLTarget(node.url ?? "") {
        case .empty, .schemeRelative:
            return
        case .absolute(let scheme):
            if options.checksURLs && !URLTarget.linkSchemes.contains(scheme) { node.unwrap() }
        case .fragment(let fragment):
            if let prefix = options.anchorPrefix, !fragment.isEmpty {
                node.url = "#" + prefix + fragment.lowercased()
            }
        case .relative(let path, let suffix):
            guard let context = options.links else { return }
            let target = resolveRepositoryPath(path, from: context.documentPath)
            if let page = context.web?.page(for: target) {
                node.url = page + suffix
            } else {
                node.unwrap()
            }
        }
    }

    private static func rewriteImage(_ node: MarkdownNode, options: RenderOptions) {
        switch URLTarget(node.url ?? "") {
        case .empty, .schemeRelative, .fragment:
            return
        case .absolute(let scheme):
            if options.checksURLs && !URLTarget.imageSchemes.contains(scheme) {
                node.replace(withText: node.plainText)
            }
        case .relative(let path, let suffix):
            guard let context = options.links else { return }
            let target = resolveRepositoryPath(path, from: context.documentPath)
            if let raw = context.web?.raw(for: target) {
                node.url = raw + suffix
            } else {
                node.replace(withText: node.plainText)
            }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
