/// The little that extraction reads from authors' raw HTML, without a parser: the text of an
/// element and the links of `<a href>` tags. (The renderer's sanitiser parses HTML for real;
/// extraction only needs words and addresses, and takes them from the original text.)
enum HTMLFragments {
    /// The text inside the first `<name …>…</name>`, tags inside it removed; nil when absent or empty.
    static func text(of name: String, in html: String) -> String? {
        guard let open = html.range(of: "<" + name, options: .caseInsensitive),
              let tagEnd = html[open.upperBound...].firstIndex(of: ">"),
              let close = html[tagEnd...].range(of: "</" + name + ">", options: .caseInsensitive) else { return nil }
        let text = strippingTags(html[html.index(after: tagEnd)..<close.lowerBound])
        return text.isEmpty ? nil : text
    }

    /// The `<a href="…">label</a>` links, in order.
    static func links(in html: String) -> [(url: String, label: String)] {
        var links: [(String, String)] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<a ", options: .caseInsensitive) {
            rest = rest[open.upperBound...]
            guard let tagEnd = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<tagEnd]
            let afterTag = rest[rest.index(after: tagEnd)...]
            let close = afterTag.range(of: "</a>", options: .caseInsensitive)?.lowerBound ?? afterTag.endIndex
            rest = afterTag[close...]
            guard let href = tag.range(of: "href=", options: .caseInsensitive) else { continue }
            var value = tag[href.upperBound...]
            let quote = value.first.flatMap { $0 == "\"" || $0 == "'" ? $0 : nil }
            if quote != nil { value = value.dropFirst() }
            let url = String(value.prefix { character in quote.map { character != $0 } ?? !character.isWhitespace })
            links.append((url, strippingTags(afterTag[..<close])))
        }
        return links
    }

    /// Text with tags removed and white space collapsed.
    static func strippingTags(_ html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text.collapsingWhitespace
    }
}
