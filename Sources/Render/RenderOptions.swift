public import AtriumModel

/// How a Markdown document is turned into HTML.
public struct RenderOptions: Sendable {
    /// What happens to raw HTML written in the Markdown.
    public enum RawHTML: Sendable {
        /// Kept where an allowlist sanitiser on an HTML5 parser lets it through (centred logos,
        /// badges, `<details>`, `<kbd>`); everything else is removed.
        case sanitize
        /// Replaced by an HTML comment, as cmark-gfm's safe mode does.
        case omit
        /// Written as it is. Only for trusted text, such as the GFM specification's examples.
        case passThrough
    }

    public var rawHTML: RawHTML
    /// When true, link and image URLs must use an allowed scheme; others are removed.
    public var checksURLs: Bool
    /// Gives every heading an id (`user-content-` + `prefix` + GitHub's anchor for the heading)
    /// and a permalink; in-document links (`#installation`) are rewritten to match. Nil:
    /// headings as they are.
    public var anchorPrefix: String?
    /// Where relative links and images point. Nil: relative URLs are left as written.
    public var links: LinkContext?

    public init(rawHTML: RawHTML = .sanitize, checksURLs: Bool = true, anchorPrefix: String? = nil,
                links: LinkContext? = nil) {
        self.rawHTML = rawHTML
        self.checksURLs = checksURLs
        self.anchorPrefix = anchorPrefix
        self.links = links
    }

    /// The options the GFM specification's examples expect: raw HTML and URLs untouched.
    public static let specification = RenderOptions(rawHTML: .passThrough, checksURLs: false)
}

/// The repository file a document was read from and how to link to its neighbours.
public struct LinkContext: Sendable {
    /// The document's path in the repository (relative links are resolved from its folder).
    public var documentPath: String
    /// Nil when the repository has no web address: relative links then lead nowhere and are
    /// rendered as plain text.
    public var web: WebLinks?

    public init(documentPath: String, web: WebLinks?) {
        self.documentPath = documentPath
        self.web = web
    }
}
