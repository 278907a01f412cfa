import CCmarkGFM

/// One node of a parsed Markdown tree. A view onto the document's tree: valid while the
/// document lives, and not to be shared across tasks.
public struct MarkdownNode: Hashable {
    public enum Kind: Hashable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak, footnoteDefinition
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link, image, footnoteReference
        /// A node added by an extension, by its cmark-gfm name (`table`, `strikethrough`, …).
        case `extension`(String)
    }

    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: .footnoteDefinition
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: .footnoteReference
        default: .extension(cmark_node_get_type_string(pointer).map { String(cString: $0) } ?? "")
        }
    }

    // MARK: - Content

    /// The text of a text, code, code block or raw HTML node.
    public var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_literal(pointer, newValue) }
    }

    /// The destination of a link or image, as written (entities and escapes decoded).
    public var url: String? {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_url(pointer, newValue) }
    }

    public var title: String? { cmark_node_get_title(pointer).map { String(cString: $0) } }

    /// The info string of a fenced code block (`sh` in ```` ```sh ````).
    public var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }

    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// The 1-based line the node starts at in the source text.
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    // MARK: - Structure

    public var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    public var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    public var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }

    public var children: [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            nodes.append(MarkdownNode(node))
            child = cmark_node_next(node)
        }
        return nodes
    }

    /// Every node below this one (itself first), in document order.
    public var descendants: [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        forEachDescendant { nodes.append($0) }
        return nodes
    }

    /// Visits this node and every node below it in document order, following the tree's own
    /// links (no arrays of children on the way: extraction walks every paragraph this way).
    public func forEachDescendant(_ body: (MarkdownNode) -> Void) {
        var current: OpaquePointer? = pointer
        while let node = current {
            body(MarkdownNode(node))
            if let child = cmark_node_first_child(node) {
                current = child
                continue
            }
            // Up to the nearest ancestor (within this subtree) that has a next sibling.
            var climb: OpaquePointer? = node
            current = nil
            while let step = climb, step != pointer {
                if let next = cmark_node_next(step) {
                    current = next
                    break
                }
                climb = cmark_node_parent(step)
            }
        }
    }

    /// The text a reader sees in this node: text and code literals, breaks as spaces, raw HTML
    /// left out; for an image, its description.
    public var plainText: String {
        var text = ""
        forEachDescendant { node in
            switch node.kind {
            case .text, .code: text += node.literal ?? ""
            case .softBreak, .lineBreak: text += " "
            case .codeBlock: text += " " + (node.literal ?? "") + " "
            // Blocks and table cells are separate words: "Option | Type" is not "OptionType".
            case .paragraph, .heading, .item, .extension("table_cell"):
                if !text.isEmpty && text.utf8.last != UInt8(ascii: " ") { text += " " }
            default: break
            }
        }
        return text
    }

    // MARK: - Changing the tree

    /// Replaces this node by its children, in place (a link that must not be a link).
    public func unwrap() {
        for child in children {
            _ = cmark_node_insert_before(pointer, child.pointer)
        }
        remove()
    }

    /// Puts `text` where this node is and removes the node.
    public func replace(withText text: String) {
        let node = cmark_node_new(CMARK_NODE_TEXT)
        _ = cmark_node_set_literal(node, text)
        _ = cmark_node_replace(pointer, node)
        cmark_node_free(pointer)
    }

    /// Wraps this block in a block that renders as `enter`, the block, then `exit`: both are
    /// written to the HTML as they are, so they must be well-formed, escaped HTML.
    /// Returns false when the tree does not allow it here.
    @discardableResult
    public func wrap(enter: String, exit: String) -> Bool {
        guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return false }
        _ = cmark_node_set_on_enter(wrapper, enter)
        _ = cmark_node_set_on_exit(wrapper, exit)
        guard cmark_node_insert_before(pointer, wrapper) == 1 else {
            cmark_node_free(wrapper)
            return false
        }
        cmark_node_unlink(pointer)
        guard cmark_node_append_child(wrapper, pointer) == 1 else {
            _ = cmark_node_replace(wrapper, pointer)
            cmark_node_free(wrapper)
            return false
        }
        return true
    }

    /// Removes this node and everything below it from the tree.
    public func remove() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }
}
