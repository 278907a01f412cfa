import CGumbo
#if canImport(Glibc)
import Glibc
#endif

/// Makes rendered HTML that contains authors' raw HTML safe to show: the HTML is parsed as a
/// body fragment by a real HTML5 parser (gumbo), walked, and written again from the tree with
/// an allowlist of elements and attributes (GitHub's html-pipeline is the model). Markup never
/// passes through as text: what is written is what the allowlist lets out of the tree.
struct HTMLSanitizer {
    /// Decides what a URL attribute becomes: a safe URL to write, or nil to drop it.
    var resolveURL: (_ url: String, _ isImage: Bool) -> String?
    /// Put before authors' ids and names (and the fragments that point at them): `user-content-`,
    /// plus the document's own prefix so that a README and a guide on one page never share one.
    var idPrefix = "user-content-"

    /// Elements nested deeper than this are left out: no README needs it, and the walk must
    /// not run out of stack on a file of a hundred thousand nested <div>s.
    static let maxDepth = 200

    /// Elements kept (with allowed attributes). Anything else is unwrapped — its children are
    /// kept — unless it is in `dropped`.
    static let elements: Set<String> = [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote", "pre", "code", "kbd", "samp",
        "var", "tt", "b", "i", "u", "s", "strong", "em", "del", "ins", "strike", "sub", "sup", "small", "mark", "q",
        "cite", "dfn", "abbr", "time", "wbr", "bdo", "ruby", "rt", "rp", "a", "img", "picture", "source",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "colgroup", "col", "details", "summary", "figure", "figcaption", "section", "input", "center",
    ]

    /// Elements removed with everything inside them: script, style and the parsing contexts
    /// (foreign content, raw text, templates) that payloads hide in.
    static let dropped: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math",
        "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "textarea", "title", "select", "option",
        "form", "button", "base", "meta", "link", "head", "audio", "video", "track", "canvas", "dialog", "portal",
    ]

    static let voidElements: Set<String> = ["br", "hr", "img", "source", "wbr", "input", "col"]

    /// Attributes allowed on every kept element, and those allowed on particular ones.
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "id", "name", "align", "aria-hidden", "aria-label"]
    static let attributes: [String: Set<String>] = [
        "a": ["href", "data-footnote-ref", "data-footnote-backref", "data-footnote-backref-idx"],
        "img": ["src", "alt", "width", "height", "loading"],
        "source": ["srcset", "media", "type", "width", "height"],
        "td": ["colspan", "rowspan", "valign"], "th": ["colspan", "rowspan", "valign", "scope"],
        "col": ["span"], "colgroup": ["span"], "ol": ["start", "type", "reversed"], "li": ["value"],
        "details": ["open"], "time": ["datetime"], "q": ["cite"], "blockquote": ["cite"], "abbr": ["title"],
        "input": ["type", "checked", "disabled"], "section": ["data-footnotes"],
        "div": ["data-footnotes"],
    ]

    /// Classes the catalogue's own markup uses (cmark-gfm's and the renderer's); an author who
    /// writes one only changes how something looks.
    static func isAllowedClass(_ value: String) -> Bool {
        ["markdown-heading", "anchor", "footnotes", "footnote-ref", "footnote-backref", "task-list-item",
         "plain-text", "data-footnote-backref"].contains(value)
            || (value.hasPrefix("language-") && value.dropFirst(9).allSatisfy { $0.isLetter || $0.isNumber || "+#-_.".contains($0) })
    }

    func sanitize(_ html: String) -> String {
        var options = kGumboDefaultOptions
        options.fragment_context = GUMBO_TAG_DIV
        options.fragment_namespace = GUMBO_NAMESPACE_HTML
        var output = ""
        output.reserveCapacity(html.utf8.count)
        html.withCString { text in
            guard let parsed = gumbo_parse_with_options(&options, text, strlen(text)) else { return }
            defer { gumbo_destroy_output(&options, parsed) }
            // A fragment parses into <html> holding the fragment's nodes.
            for child in children(of: parsed.pointee.root) { write(child, depth: 0, into: &output) }
        }
        return output
    }

    // MARK: - Tree walk

    private func write(_ node: UnsafeMutablePointer<GumboNode>, depth: Int, into out: inout String) {
        guard depth < Self.maxDepth else { return }
        switch node.pointee.type {
        case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE:
            out += HTMLEscaping.escape(String(cString: node.pointee.v.text.text))
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
            writeElement(node, depth: depth, into: &out)
        default:
            break  // comments, CDATA, document: nothing an author needs shown
        }
    }

    private func writeElement(_ node: UnsafeMutablePointer<GumboNode>, depth: Int, into out: inout String) {
        let element = node.pointee.v.element
        // Only HTML elements: an <svg> or <math> subtree is dropped whole above; anything that
        // still carries another namespace is not written as markup.
        let name = element.tag != GUMBO_TAG_UNKNOWN
            ? String(cString: gumbo_normalized_tagname(element.tag)) : Self.originalName(element)
        if Self.dropped.contains(name) || element.tag_namespace != GUMBO_NAMESPACE_HTML { return }
        guard Self.elements.contains(name), isAllowedInput(name, element) else {
            for child in children(of: node) { write(child, depth: depth + 1, into: &out) }
            return
        }
        let tag = name == "center" ? "div" : name
        out += "<" + tag
        if name == "center" { out += " align=\"center\"" }
        for (attribute, value) in attributes(of: element, tag: name) {
            out += " " + attribute + "=\"" + HTMLEscaping.escape(value) + "\""
        }
        out += ">"
        if Self.voidElements.contains(name) { return }
        for child in children(of: node) { write(child, depth: depth + 1, into: &out) }
        out += "</" + tag + ">"
    }

    /// The name of an element gumbo has no tag for (`picture`, `dialog`, custom elements).
    private static func originalName(_ element: GumboElement) -> String {
        var piece = element.original_tag
        guard piece.data != nil, piece.length > 0 else { return "" }
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// Inputs only as task-list checkboxes, disabled.
    private func isAllowedInput(_ name: String, _ element: GumboElement) -> Bool {
        guard name == "input" else { return true }
        return rawAttributes(element).contains { $0.0 == "type" && $0.1.lowercased() == "checkbox" }
    }

    private func attributes(of element: GumboElement, tag: String) -> [(String, String)] {
        var kept: [(String, String)] = []
        let allowed = Self.globalAttributes.union(Self.attributes[tag] ?? [])
        for (name, value) in rawAttributes(element) {
            if name == "class" {
                let classes = value.split(separator: " ").map(String.init).filter(Self.isAllowedClass)
                if !classes.isEmpty { kept.append(("class", classes.joined(separator: " "))) }
                continue
            }
            guard allowed.contains(name), !kept.contains(where: { $0.0 == name }) else { continue }
            switch name {
            case "id", "name":
                kept.append((name, prefixed(value)))
            case "href":
                if value.hasPrefix("#") {
                    kept.append((name, "#" + prefixed(String(value.dropFirst()))))
                } else if let url = resolveURL(value, false) {
                    kept.append((name, url))
                }
            case "src", "cite":
                if let url = resolveURL(value, name == "src") { kept.append((name, url)) }
            case "srcset":
                if let set = safeSrcset(value) { kept.append((name, set)) }
            case "type" where tag == "input":
                kept.append((name, "checkbox"))
                kept.append(("disabled", ""))
            case "disabled" where tag == "input":
                continue
            default:
                kept.append((name, value))
            }
        }
        return kept
    }

    /// `a.png 1x, b.png 2x`: every URL must be safe, or the attribute goes.
    private func safeSrcset(_ value: String) -> String? {
        var candidates: [String] = []
        for candidate in value.split(separator: ",") {
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = parts.first, let url = resolveURL(String(first), true) else { return nil }
            candidates.append(([url] + parts.dropFirst().map(String.init)).joined(separator: " "))
        }
        return candidates.isEmpty ? nil : candidates.joined(separator: ", ")
    }

    /// Authors' ids and names cannot collide with the page's own.
    static func userContent(_ value: String) -> String {
        value.hasPrefix("user-content-") ? value : "user-content-" + value
    }

    private func prefixed(_ value: String) -> String {
        value.hasPrefix("user-content-") ? value : idPrefix + value
    }

    private func rawAttributes(_ element: GumboElement) -> [(String, String)] {
        let vector = element.attributes
        return (0..<Int(vector.length)).compactMap { index in
            guard let pointer = vector.data[index] else { return nil }
            let attribute = pointer.assumingMemoryBound(to: GumboAttribute.self).pointee
            return (String(cString: attribute.name).lowercased(), String(cString: attribute.value))
        }
    }

    private func children(of node: UnsafeMutablePointer<GumboNode>) -> [UnsafeMutablePointer<GumboNode>] {
        let vector = node.pointee.type == GUMBO_NODE_ELEMENT || node.pointee.type == GUMBO_NODE_TEMPLATE
            ? node.pointee.v.element.children : node.pointee.v.document.children
        return (0..<Int(vector.length)).compactMap { vector.data[$0]?.assumingMemoryBound(to: GumboNode.self) }
    }
}
