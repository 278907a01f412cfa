import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Markdown document parsed by cmark-gfm with the GitHub extensions.
///
/// The document owns the parse tree; nodes handed out by it are valid while it lives. It is
/// parsed once and read by every stage that needs Markdown structure, then rendered.
public final class MarkdownDocument {
    /// The GitHub Flavored Markdown extensions the catalogue renders with.
    public static let gfmExtensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private let parser: OpaquePointer
    public let root: MarkdownNode

    /// Parses `text`. Footnotes are on by default, as on GitHub.
    public init(parsing text: String, extensions: [String] = MarkdownDocument.gfmExtensions,
                footnotes: Bool = true) {
        Self.registerExtensions
        var options = CMARK_OPT_DEFAULT
        if footnotes { options |= CMARK_OPT_FOOTNOTES }
        let parser = cmark_parser_new(options)!
        for name in extensions {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        // Inline parsing adds each extension's trigger characters to a table that is global in
        // cmark-gfm 0.29 and removes them when done (github/cmark-gfm#176), so two documents
        // finishing at once lose autolinks and strikethrough at random. Block parsing, above,
        // and rendering stay parallel.
        Self.inlineParsing.lock()
        let tree = cmark_parser_finish(parser)
        Self.inlineParsing.unlock()
        root = MarkdownNode(tree!)
    }

    deinit {
        cmark_node_free(root.pointer)
        cmark_parser_free(parser)
    }

    /// Renders the tree as HTML. With `unsafe`, raw HTML nodes and every URL are written as they
    /// are in the tree: callers that render untrusted text must have made the tree safe first.
    /// - Parameter filtersTags: apply the tagfilter extension (`<script` written as text). Off
    ///   when a sanitiser reads the result: it removes such elements whole instead.
    public func html(unsafe: Bool, filtersTags: Bool = true) -> String {
        var options = CMARK_OPT_DEFAULT
        if unsafe { options |= CMARK_OPT_UNSAFE }
        let memory = cmark_get_default_mem_allocator()
        var extensions = cmark_parser_get_syntax_extensions(parser)
        var ownList: UnsafeMutablePointer<cmark_llist>?
        if !filtersTags, let tagfilter = cmark_find_syntax_extension("tagfilter") {
            var item = extensions
            while let current = item {
                if let data = current.pointee.data, OpaquePointer(data) != tagfilter {
                    ownList = cmark_llist_append(memory, ownList, data)
                }
                item = current.pointee.next
            }
            extensions = ownList
        }
        defer { if let ownList { cmark_llist_free(memory, ownList) } }
        guard let rendered = cmark_render_html(root.pointer, options, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private static let inlineParsing = NSLock()

    /// cmark-gfm registers its extensions in a global list: do it once, before any lookup.
    private static let registerExtensions: Void = cmark_gfm_core_extensions_ensure_registered()
}
