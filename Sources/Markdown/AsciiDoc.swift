/// Reads AsciiDoc (README.adoc, CONTRIBUTING.adoc) as Markdown, line for line, as
/// `ReStructuredText` does: section titles, listing and literal blocks with their source
/// language, nested lists, links (also through `{attribute}` references), cross references and
/// comments. Each output line stands where its input line stood, so facts keep their line numbers.
public enum AsciiDoc {
    public static func markdown(from text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        var attributes: [String: String] = ["nbsp": " ", "sp": " ", "empty": "", "vbar": "|", "amp": "&"]
        var language: String?  // from a `[source,shell]` line, for the block that follows
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingTrailingSpaces
            // A comment block (`////`) and a passthrough block (`++++`, raw output) are not text.
            if isDelimiter(trimmed, of: "/") || isDelimiter(trimmed, of: "+") {
                index = blank(&lines, from: index, to: closing(trimmed, in: lines, after: index))
                continue
            }
            // A listing (`----`) or literal (`....`) block: a fenced code block, kept as written.
            if isDelimiter(trimmed, of: "-") || isDelimiter(trimmed, of: ".") {
                let end = closing(trimmed, in: lines, after: index)
                lines[index] = "```" + (language ?? "")
                if end < lines.count { lines[end] = "```" }
                language = nil
                index = end + 1
                continue
            }
            language = nil
            if trimmed.hasPrefix("//") && !trimmed.hasPrefix("///") {
                lines[index] = ""
            } else if let (name, value) = attributeEntry(trimmed) {
                if let value { attributes[name] = value } else { attributes[name] = nil }
                lines[index] = ""
            } else if trimmed.hasPrefix("["), trimmed.hasSuffix("]"), !trimmed.hasPrefix("[[") || trimmed.hasSuffix("]]") {
                language = sourceLanguage(trimmed)
                lines[index] = ""
            } else if ["=", "*", "_", "--", "|==="].contains(where: { isDelimiter(trimmed, of: $0) })
                        || trimmed == "'''" || trimmed == "<<<" {
                // Example, sidebar, quote, open blocks and tables: their content is read as text;
                // breaks are not text.
                lines[index] = ""
            } else if trimmed == "+" {
                lines[index] = ""  // a list continuation
            } else if let directive = directive(trimmed, attributes: attributes) {
                lines[index] = directive
            } else if let title = sectionTitle(trimmed) {
                lines[index] = String(repeating: "#", count: min(title.level, 6)) + " " + inline(title.text, attributes)
                // The document title's author and revision lines (directly under it) are no text.
                if title.level == 1, lines[..<index].allSatisfy({ $0.isEmpty }) {
                    var next = index + 1
                    while next < lines.count, next <= index + 2, !lines[next].trimmingTrailingSpaces.isEmpty,
                          attributeEntry(lines[next].trimmingTrailingSpaces) == nil, !lines[next].hasPrefix("//") {
                        lines[next] = ""
                        next += 1
                    }
                    index = next
                    continue
                }
            } else if trimmed.count > 1, trimmed.hasPrefix("."), let second = trimmed.dropFirst().first,
                      second != ".", second != " " {
                lines[index] = "**" + inline(String(trimmed.dropFirst()), attributes) + "**"  // a block title
            } else if let indent = literalIndent(lines, at: index) {
                // A literal paragraph (its first line indented, after a blank line): an indented
                // code block, inside the list item it follows, up to the next blank line.
                let offset = line.prefix { $0 == " " || $0 == "\t" }.count
                let prefix = String(repeating: " ", count: indent)
                while index < lines.count, !lines[index].trimmingTrailingSpaces.isEmpty {
                    let own = lines[index].prefix { $0 == " " || $0 == "\t" }.count
                    lines[index] = prefix + lines[index].dropFirst(min(own, offset))
                    index += 1
                }
                continue
            } else {
                lines[index] = inline(listItem(line), attributes)
            }
            index += 1
        }
        return lines.joined(separator: "\n")
    }

    /// Where the literal paragraph starting at `index` goes as Markdown code: four spaces in,
    /// or four past the content of the list item above it (AsciiDoc attaches it to the item);
    /// nil when the line starts no literal paragraph.
    private static func literalIndent(_ lines: [String], at index: Int) -> Int? {
        let line = lines[index]
        guard line.first == " " || line.first == "\t", index == 0 || lines[index - 1].trimmingTrailingSpaces.isEmpty
        else { return nil }
        let content = line.drop { $0 == " " || $0 == "\t" }
        // An indented list item (`* a`, `. b`, `- c`, `1. d`) is a list, not literal text.
        let number = content.prefix { $0.isNumber }
        guard !content.isEmpty, listItem(String(content)) == String(content), !content.hasPrefix("- "),
              number.isEmpty || !content.dropFirst(number.count).hasPrefix(". ") else { return nil }
        // The nearest text above, already read as Markdown.
        guard let above = lines[..<index].last(where: { !$0.trimmingTrailingSpaces.isEmpty }) else { return 4 }
        let aboveIndent = above.prefix { $0 == " " }.count
        let rest = above.dropFirst(aboveIndent)
        if rest.hasPrefix("- ") { return aboveIndent + 2 + 4 }
        if let dot = rest.firstIndex(of: "."), rest[..<dot].allSatisfy(\.isNumber), !rest[..<dot].isEmpty,
           rest[dot...].hasPrefix(". ") {
            return aboveIndent + rest.distance(from: rest.startIndex, to: dot) + 2 + 4
        }
        return 4
    }

    // MARK: - Blocks

    /// `----`, `....`, `////`: four or more of one character. `--` (an open block) and `|===`
    /// (a table) are exact.
    private static func isDelimiter(_ line: String, of mark: String) -> Bool {
        if mark == "--" || mark == "|===" { return line == mark }
        guard let character = mark.first else { return false }
        return line.count >= 4 && line.allSatisfy { $0 == character }
    }

    /// The line that closes the block opened at `start`: the same delimiter, else the end.
    private static func closing(_ delimiter: String, in lines: [String], after start: Int) -> Int {
        var index = start + 1
        while index < lines.count, lines[index].trimmingTrailingSpaces != delimiter { index += 1 }
        return index
    }

    private static func blank(_ lines: inout [String], from start: Int, to end: Int) -> Int {
        for position in start...min(end, lines.count - 1) { lines[position] = "" }
        return end + 1
    }

    /// `:name: value` sets an attribute; `:name!:` unsets it (nil value).
    private static func attributeEntry(_ line: String) -> (String, String?)? {
        guard line.hasPrefix(":"), let close = line.dropFirst().firstIndex(of: ":") else { return nil }
        var name = line[line.index(after: line.startIndex)..<close]
        let unset = name.hasSuffix("!")
        if unset { name = name.dropLast() }
        guard let first = name.first, first.isLetter || first.isNumber || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let value = line[line.index(after: close)...].drop { $0 == " " }
        return (String(name), unset ? nil : String(value))
    }

    /// `[source,shell]`, `[,console]`, `[source]`, `[listing]`: the language of the next block.
    private static func sourceLanguage(_ line: String) -> String? {
        let parts = line.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: " ") }
        guard let style = parts.first else { return nil }
        if style == "source" || style.isEmpty {
            let language = parts.dropFirst().first ?? ""
            return language.contains("=") ? "" : language
        }
        return style == "listing" || style == "literal" ? "" : nil
    }

    /// `= Title`, `== Section`: the number of `=` is the level (the document title is 1 here).
    private static func sectionTitle(_ line: String) -> (level: Int, text: String)? {
        let marks = line.prefix { $0 == "=" }.count
        guard marks > 0, marks <= 6, line.dropFirst(marks).first == " " else { return nil }
        return (marks, line.dropFirst(marks + 1).trimmingCharacters(in: " "))
    }

    /// `image::url[alt]` is an image; `include::`, `ifdef::`, `toc::` and the like are not text.
    private static func directive(_ line: String, attributes: [String: String]) -> String? {
        guard let colons = line.range(of: "::"), let name = Optional(line[..<colons.lowerBound]),
              !name.isEmpty, name.allSatisfy({ $0.isLetter }), line.hasSuffix("]") else { return nil }
        guard name == "image", let open = line.firstIndex(of: "[") else { return "" }
        let target = substitute(String(line[colons.upperBound..<open]), attributes)
        let alt = line[line.index(after: open)..<line.index(before: line.endIndex)].split(separator: ",").first ?? ""
        return "![\(alt)](\(target))"
    }

    /// `* item`, `** nested`, `. step`, `.. nested step`: Markdown's markers and indentation.
    private static func listItem(_ line: String) -> String {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        let rest = line.dropFirst(indent.count)
        for (mark, marker, width) in [("*", "- ", 2), (".", "1. ", 3)] {
            let depth = rest.prefix { String($0) == mark }.count
            guard depth > 0, rest.dropFirst(depth).first == " " else { continue }
            return String(repeating: " ", count: (depth - 1) * width) + marker + rest.dropFirst(depth + 1)
        }
        return line
    }

    // MARK: - Inline

    /// Attribute references, links (`https://…[text]`, `link:…[text]`, `mailto:…[text]`),
    /// cross references (`<<id,text>>`) and hard line breaks (` +`).
    static func inline(_ line: String, _ attributes: [String: String]) -> String {
        var text = substitute(line, attributes)
        if text.hasSuffix(" +") { text = String(text.dropLast(2)) }
        text = crossReferences(text)
        return macroLinks(text)
    }

    private static func substitute(_ text: String, _ attributes: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            rest = rest[open...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = attributes[name] {
                out += value
            } else {
                out += rest[...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private static func crossReferences(_ text: String) -> String {
        guard text.contains("<<") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<<"), let close = rest[open.upperBound...].range(of: ">>") {
            out += rest[..<open.lowerBound]
            let inside = rest[open.upperBound..<close.lowerBound]
            out += inside.split(separator: ",", maxSplits: 1).last.map { $0.trimmingCharacters(in: " ") } ?? ""
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// `https://host/path[words]` → `[words](https://host/path)`; with no words, the address.
    private static func macroLinks(_ text: String) -> String {
        guard text.contains("[") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = linkStart(in: rest) {
            out += rest[..<start.lowerBound]
            let target = rest[start.upperBound...].prefix { !" \t[]<>\"".contains($0) }
            let afterTarget = rest[start.upperBound...].dropFirst(target.count)
            let scheme = rest[start]
            guard afterTarget.first == "[", let close = afterTarget.firstIndex(of: "]"), !target.isEmpty else {
                out += scheme + target
                rest = afterTarget
                continue
            }
            let words = afterTarget[afterTarget.index(after: afterTarget.startIndex)..<close]
                .split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: " \"^") } ?? ""
            let address = (scheme == "link:" ? "" : String(scheme)) + target
            out += words.isEmpty ? String(address) : "[\(words)](\(address))"
            rest = afterTarget[afterTarget.index(after: close)...]
        }
        return out + rest
    }

    /// The next `https://`, `http://`, `mailto:` or `link:` in the text.
    private static func linkStart(in text: Substring) -> Range<Substring.Index>? {
        ["https://", "http://", "mailto:", "link:"].compactMap { text.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
