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
        var needsSanitizing = false
        // Collect first, change after: cmark's iterator must not see the tree change under it.
        for node in document.root.descendants {
            switch node.kind {
            case .footnoteDefinition, .footnoteReference:
                // cmark-gfm names footnotes fn-1, fnref-1 in every document: the sanitiser gives
                // them the document's prefix, so two documents on one page keep theirs apart.
                needsSanitizing = needsSanitizing || options.anchorPrefix != nil
            case .htmlBlock, .htmlInline:
                needsSanitizing = true
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
                let anchor = anchorID(prefix + anchors.anchor(for: text))
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
        let sanitizes = needsSanitizing && options.rawHTML == .sanitize
        var html = document.html(unsafe: true, filtersTags: !sanitizes)
        // Documents without raw HTML skip the sanitiser: cmark-gfm wrote all of their markup.
        if sanitizes {
            var sanitizer = HTMLSanitizer { url, isImage in resolve(url, isImage: isImage, options: options) }
            sanitizer.idPrefix = anchorID(options.anchorPrefix ?? "")
            html = sanitizer.sanitize(html)
        }
        return RenderedDocument(path: path, html: html, headings: headings)
    }

    /// Ids the renderer gives headings carry the prefix the sanitiser gives authors' ids, so
    /// that both name spaces stay apart from the page's own ids.
    static func anchorID(_ anchor: String) -> String {
        HTMLSanitizer.userContent(anchor)
    }

    /// What a URL written in a document becomes: nil when it must not be a link (a scheme
    /// outside the allowlist, a relative path with nowhere to point).
    static func resolve(_ url: String, isImage: Bool, options: RenderOptions) -> String? {
        switch URLTarget(url) {
        case .empty:
            return nil
        case .schemeRelative, .fragment:
            return url
        case .absolute(let scheme):
            let allowed = isImage ? URLTarget.imageSchemes : URLTarget.linkSchemes
            return !options.checksURLs || allowed.contains(scheme) ? url : nil
        case .relative(let path, let suffix):
            guard let context = options.links else { return url }
            let target = resolveRepositoryPath(path, from: context.documentPath)
            return (isImage ? context.web?.raw(for: target) : context.web?.page(for: target)).map { $0 + suffix }
        }
    }

    /// A README or CONTRIBUTING that is not Markdown (reStructuredText, plain text) is shown as
    /// it is written, as preformatted text.
    public static func renderPlainText(_ text: String, path: String) -> RenderedDocument {
        RenderedDocument(path: path, html: "<pre class=\"plain-text\">\(HTMLEscaping.escape(text))</pre>\n")
    }

    private static func rewriteLink(_ node: MarkdownNode, options: RenderOptions) {
        let url = node.url ?? ""
        if case .fragment(let fragment) = URLTarget(url) {
            if let prefix = options.anchorPrefix, !fragment.isEmpty {
                node.url = "#" + anchorID(prefix + fragment.lowercased())
            }
            return
        }
        guard !url.isEmpty else { return }
        if let resolved = resolve(url, isImage: false, options: options) { node.url = resolved } else { node.unwrap() }
    }

    private static func rewriteImage(_ node: MarkdownNode, options: RenderOptions) {
        let url = node.url ?? ""
        guard !url.isEmpty else { return }
        if let resolved = resolve(url, isImage: true, options: options) {
            node.url = resolved
        } else {
            node.replace(withText: node.plainText)
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
