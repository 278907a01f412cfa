/// A Markdown document turned into HTML that is safe to place in a page.
public struct RenderedDocument: Sendable, Hashable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        /// The fragment id the heading can be linked to, unique within the page.
        public var anchor: String

        public init(level: Int, text: String, anchor: String) {
            self.level = level
            self.text = text
            self.anchor = anchor
        }
    }

    /// The file's path in the repository.
    public var path: String
    public var html: String
    public var headings: [Heading]

    public init(path: String, html: String, headings: [Heading] = []) {
        self.path = path
        self.html = html
        self.headings = headings
    }
}
