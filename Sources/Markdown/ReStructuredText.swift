/// Reads reStructuredText (Python projects' README.rst, CONTRIBUTING.rst) as Markdown, line for
/// line, so that the catalogue can read and show it with the same parser: section titles,
/// literal and code blocks, bullet lists, inline literals and links. Each output line stands
/// where its input line stood, so facts keep their line numbers.
public enum ReStructuredText {
    public static func markdown(from text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        var levels: [String] = []  // underline styles in order of first use: the first is level 1
        var index = 0
        while index < lines.count {
            let line = lines[index]
            // A title: text underlined (and maybe overlined) with one punctuation character.
            if index + 1 < lines.count, isAdornment(lines[index + 1]), !line.trimmingCharacters(in: " ").isEmpty,
               !isAdornment(line), lines[index + 1].count >= line.trimmingCharacters(in: " ").count - 1 {
                let style = String(lines[index + 1].first!) + (index > 0 && isAdornment(lines[index - 1]) ? "o" : "")
                if !levels.contains(style) { levels.append(style) }
                let level = min(levels.firstIndex(of: style)! + 1, 6)
                if index > 0 && isAdornment(lines[index - 1]) { lines[index - 1] = "" }
                lines[index] = String(repeating: "#", count: level) + " " + inline(line.trimmingCharacters(in: " "))
                lines[index + 1] = ""
                index += 2
                continue
            }
            // `.. code-block:: sh` or a paragraph ending in `::`, then an indented block.
            let trimmed = line.trimmingCharacters(in: " ")
            var language: String?
            if let directive = codeDirective(trimmed) {
                language = directive
                lines[index] = ""
            } else if trimmed.hasSuffix("::"), !trimmed.hasPrefix("..") {
                language = ""
                lines[index] = trimmed == "::" ? "" : inline(String(line.dropLast(1)))
            } else if let title = admonition(trimmed) {
                // `.. note::` and its indented body are prose the reader sees: a quote.
                lines[index] = "> " + title
                index = quote(&lines, after: index)
                continue
            } else if trimmed.hasPrefix("..") {
                // Other directives, comments and link targets are not text.
                lines[index] = ""
                index += 1
                while index < lines.count, lines[index].hasPrefix(" ") || lines[index].hasPrefix("\t") {
                    lines[index] = ""
                    index += 1
                }
                continue
            } else {
                lines[index] = inline(listMarker(line))
            }
            index += 1
            guard let language else { continue }
            index = fence(&lines, after: index - 1, language: language)
        }
        return lines.joined(separator: "\n")
    }

    /// Turns the indented block after `start` into a fenced code block, using the blank line
    /// before it for the opening fence and the one after it for the closing fence.
    private static func fence(_ lines: inout [String], after start: Int, language: String) -> Int {
        var index = start + 1
        while index < lines.count, lines[index].trimmingCharacters(in: " ").isEmpty { index += 1 }
        guard index < lines.count, lines[index].hasPrefix(" ") || lines[index].hasPrefix("\t") else { return start + 1 }
        let indent = lines[index].prefix { $0 == " " || $0 == "\t" }.count
        let first = index
        var last = index
        while index < lines.count,
              lines[index].trimmingCharacters(in: " ").isEmpty || lines[index].prefix(indent).allSatisfy({ $0 == " " || $0 == "\t" }) && lines[index].count > indent {
            if !lines[index].trimmingCharacters(in: " ").isEmpty { last = index }
            index += 1
        }
        let closedByBlankLine = last + 1 < lines.count && lines[last + 1].trimmingCharacters(in: " ").isEmpty
        let atEnd = last + 1 == lines.count
        // Line for line: with no blank line before the block to open a fence on, or none after
        // it to close one on (but at the end, where a fence closes by itself), the block stays
        // an indented code block.
        let openable = first - 1 > start || lines[start].isEmpty
        if !openable || (!closedByBlankLine && !atEnd) {
            for position in first...last where !lines[position].trimmingCharacters(in: " ").isEmpty {
                lines[position] = "    " + lines[position].dropFirst(min(indent, lines[position].count))
            }
            return last + 1
        }
        for position in first...last { lines[position] = String(lines[position].dropFirst(min(indent, lines[position].count))) }
        let opening = "```" + language
        if first - 1 > start { lines[first - 1] = opening } else { lines[start] = opening }
        if closedByBlankLine { lines[last + 1] = "```" }
        return last + 2
    }

    /// `.. note:: Read this` → `**Note:** Read this`; `.. admonition:: Heads up` → `**Heads up**`.
    private static func admonition(_ line: String) -> String? {
        guard line.hasPrefix(".. "), let colons = line.range(of: "::") else { return nil }
        let name = line[line.index(line.startIndex, offsetBy: 3)..<colons.lowerBound].lowercased()
        let argument = inline(String(line[colons.upperBound...]).trimmingCharacters(in: " "))
        let kinds = ["note", "warning", "important", "tip", "hint", "attention", "caution", "danger", "error", "seealso",
                     "admonition"]
        guard kinds.contains(name) else { return nil }
        if name == "admonition" { return argument.isEmpty ? "" : "**\(argument)**" }
        let label = "**" + name.prefix(1).uppercased() + name.dropFirst() + ":**"
        return argument.isEmpty ? label : label + " " + argument
    }

    /// The indented body after line `start` as quoted lines, line for line (blank lines inside
    /// it keep the quote open); returns the first line after it.
    private static func quote(_ lines: inout [String], after start: Int) -> Int {
        var index = start + 1
        var last = start
        while index < lines.count {
            let line = lines[index]
            if line.trimmingCharacters(in: " \t").isEmpty {
                index += 1
                continue
            }
            guard line.hasPrefix(" ") || line.hasPrefix("\t") else { break }
            last = index
            index += 1
        }
        guard last > start else { return start + 1 }
        let indent = lines[(start + 1)...last].filter { !$0.trimmingCharacters(in: " \t").isEmpty }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        for position in (start + 1)...last {
            let line = lines[position]
            lines[position] = line.trimmingCharacters(in: " \t").isEmpty ? ">" : "> " + inline(listMarker(String(line.dropFirst(indent))))
        }
        return last + 1
    }

    private static func codeDirective(_ line: String) -> String? {
        for name in [".. code-block::", ".. code::", ".. sourcecode::", ".. prompt::"] where line.hasPrefix(name) {
            let language = String(line.dropFirst(name.count)).trimmingCharacters(in: " ")
            return language == "console" || language.isEmpty ? "console" : language
        }
        return nil
    }

    private static func isAdornment(_ line: String) -> Bool {
        guard line.count >= 3, let first = line.first, "=-~^\"'`#*+_.:".contains(first) else { return false }
        return line.allSatisfy { $0 == first }
    }

    /// `#.` lists become `1.`; other list markers are Markdown's already.
    private static func listMarker(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("#. ") else { return line }
        return String(line.prefix(line.count - trimmed.count)) + "1. " + trimmed.dropFirst(3)
    }

    /// ``literal`` → `literal`; `text <url>`_ → [text](url); :role:`text` → text.
    static func inline(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let tick = rest.firstIndex(of: "`") {
            var before = rest[..<tick]
            // Drop a role prefix such as :ref: or :doc:.
            if before.hasSuffix(":"), let roleStart = before.dropLast().lastIndex(of: ":") {
                let role = before[before.index(after: roleStart)..<before.index(before: before.endIndex)]
                if !role.isEmpty, role.allSatisfy({ $0.isLetter || $0 == "-" }) { before = before[..<roleStart] }
            }
            out += before
            rest = rest[tick...]
            if rest.hasPrefix("``"), let close = rest.dropFirst(2).range(of: "``") {
                out += "`" + rest[rest.index(tick, offsetBy: 2)..<close.lowerBound] + "`"
                rest = rest[close.upperBound...]
            } else if let close = rest.dropFirst().firstIndex(of: "`") {
                let inside = rest[rest.index(after: tick)..<close]
                var after = rest[rest.index(after: close)...]
                let isReference = after.hasPrefix("__") || after.hasPrefix("_")
                if after.hasPrefix("__") { after = after.dropFirst(2) } else if after.hasPrefix("_") { after = after.dropFirst() }
                if isReference, let open = inside.lastIndex(of: "<"), inside.hasSuffix(">") {
                    let text = String(inside[..<open]).trimmingCharacters(in: " ")
                    let url = inside[inside.index(after: open)..<inside.index(before: inside.endIndex)]
                    out += "[\(text.isEmpty ? String(url) : text)](\(url))"
                } else {
                    out += inside
                }
                rest = after
            } else {
                out += rest
                rest = rest[rest.endIndex...]
            }
        }
        return out + rest
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
