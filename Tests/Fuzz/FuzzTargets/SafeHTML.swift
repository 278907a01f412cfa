import CGumbo
@testable import Render

/// Checks rendered HTML the way a browser would read it: parsed by gumbo (an HTML5 parser),
/// every element and attribute in the tree is inspected, not the text.
enum SafeHTML {
    /// Elements a page may hold: the sanitiser's allowlist, and the document gumbo wraps a
    /// fragment in.
    static let elements = HTMLSanitizer.elements.union(["html", "head", "body"])

    /// Attributes that hold URLs a browser follows or loads.
    static let urlAttributes: Set<String> = ["href", "src", "srcset", "cite", "action", "formaction", "poster",
                                             "background", "data", "xlink:href", "ping", "longdesc", "manifest"]

    /// What is wrong with `html`, or nil when nothing is.
    static func problem(in html: String) -> String? {
        var options = kGumboDefaultOptions
        options.max_errors = 0
        let bytes = Array(html.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let output = buffer.baseAddress.map({ base in
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    gumbo_parse_with_options(&options, $0, bytes.count)
                }
            }) ?? nil else { return nil }
            defer { gumbo_destroy_output(&options, output) }
            return problem(in: output.pointee.root)
        }
    }

    private static func problem(in node: UnsafeMutablePointer<GumboNode>?) -> String? {
        guard let node, node.pointee.type == GUMBO_NODE_ELEMENT else { return nil }
        var element = node.pointee.v.element
        let name = tagName(&element)
        guard elements.contains(name) else { return "element <\(name)> is not allowed" }
        for index in 0..<Int(element.attributes.length) {
            let attribute = element.attributes.data[index]!.assumingMemoryBound(to: GumboAttribute.self).pointee
            let attributeName = String(cString: attribute.name).lowercased()
            let value = String(cString: attribute.value)
            if attributeName.hasPrefix("on") { return "event handler \(attributeName) on <\(name)>" }
            if ["style", "srcdoc", "formaction", "http-equiv"].contains(attributeName) {
                return "attribute \(attributeName) on <\(name)>"
            }
            if urlAttributes.contains(attributeName) {
                let urls = attributeName == "srcset"
                    ? value.split(separator: ",").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
                    : [value]
                for url in urls where !isSafe(url, image: name == "img" || name == "source") {
                    return "\(attributeName)=\(url.debugDescription) on <\(name)>"
                }
            }
        }
        for index in 0..<Int(element.children.length) {
            let child = element.children.data[index]!.assumingMemoryBound(to: GumboNode.self)
            if let problem = problem(in: child) { return problem }
        }
        return nil
    }

    private static func tagName(_ element: inout GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN { return String(cString: gumbo_normalized_tagname(element.tag)) }
        var piece = element.original_tag
        guard piece.data != nil, piece.length > 0 else { return "" }
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: piece.length), as: UTF8.self).lowercased()
    }

    /// A URL as a browser would follow it: control characters and spaces are dropped
    /// before the scheme is read (`java\tscript:` is `javascript:`).
    static func isSafe(_ url: String, image: Bool) -> Bool {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = cleaned.firstIndex(of: ":") else { return true }
        let head = cleaned[..<colon]
        // A colon after a path, query or fragment character is no scheme.
        if head.contains(where: { "/?#".contains($0) }) { return true }
        let scheme = head.lowercased()
        return (image ? ["http", "https"] : ["http", "https", "mailto"]).contains(scheme)
    }
}

/// The HTML check, for the tests that make sure it finds what it is meant to.
public enum SafeHTMLProbe {
    public static func problem(in html: String) -> String? { SafeHTML.problem(in: html) }
}
