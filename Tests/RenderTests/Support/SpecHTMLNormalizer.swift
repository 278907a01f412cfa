import Foundation

/// Normalises HTML the way the CommonMark / cmark-gfm test suite does before it compares a
/// renderer's output with a spec example (`normalize_html` in the suite's `test/normalize.py`),
/// so that insignificant differences do not fail a test:
///
/// - runs of whitespace become one space, except inside `<pre>`;
/// - whitespace around block-level tags is removed;
/// - `<br />` becomes `<br>`, and newlines right after a `<br>` are dropped;
/// - tag and attribute names are lowercased, attributes sorted and their values re-escaped;
/// - character and entity references in text become the characters they stand for, except
///   `<`, `>`, `&` and `"`, written `&lt;`, `&gt;`, `&amp;` and `&quot;`; references the
///   script does not know are kept as written;
/// - comments, declarations, processing instructions and CDATA pass through.
///
/// The script's result depends on the details of Python's `html.parser`, which it is built on,
/// so this file reproduces that tokenizer too (as of Python 3.11), quirks included: expected and
/// actual HTML are only comparable if both went through the same quirks.
///
/// Known departures, none reachable from the spec files' examples:
/// - where the script raises (`<![` followed by an unknown keyword; an attribute written twice,
///   once without a value; an attribute whose value is exactly `href` or `src`; a character
///   reference beyond the C `int` range), this code carries on;
/// - a reference to a surrogate code point, which a Swift string cannot hold, becomes U+FFFD;
/// - in attribute values, of the HTML 5 names outside HTML 4 only those the spec files use are
///   known (see `HTMLEntities`).
enum SpecHTMLNormalizer {
    static func normalize(_ html: String) -> String {
        var writer = NormalizedHTMLWriter()
        for token in HTMLTokenizer.tokens(of: Array(html.unicodeScalars)) {
            writer.write(token)
        }
        return writer.result
    }
}

private typealias Scalars = [Unicode.Scalar]

// MARK: - Tokens

private struct HTMLAttribute {
    let name: String
    /// `nil` for an attribute written without `=`, which is written back without a value.
    let value: Scalars?
}

private enum HTMLToken {
    case text(Scalars)
    case startTag(name: String, attributes: [HTMLAttribute], isSelfClosing: Bool)
    case endTag(name: String)
    case comment(Scalars)
    case declaration(Scalars)
    case processingInstruction(Scalars)
    case entityReference(name: String)
    case characterReference(name: String)
    /// A CDATA section, which the script copies to its output without parsing it.
    case verbatim(Scalars)
}

// MARK: - Chunking

/// The script does not feed the whole document to the parser at once but one piece at a time,
/// as cut by the pattern `<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+`. That cut decides what is CDATA,
/// and it silently drops every `<` that has no `>` after it.
private enum HTMLChunk {
    case cdata(Scalars)
    case markup(Scalars)

    static func chunks(of input: Scalars) -> [HTMLChunk] {
        var chunks: [HTMLChunk] = []
        var index = 0
        while index < input.count {
            guard input[index] == "<" else {
                let end = input[index...].firstIndex(of: "<") ?? input.count
                chunks.append(.markup(Array(input[index..<end])))
                index = end
                continue
            }
            let end = cdataSectionEnd(in: input, at: index)
                ?? input[(index + 1)...].firstIndex(of: ">").map { $0 + 1 }
            guard let end else {
                index += 1
                continue
            }
            let chunk = Array(input[index..<end])
            chunks.append(chunk.starts(with: "<![CDATA".unicodeScalars) ? .cdata(chunk) : .markup(chunk))
            index = end
        }
        return chunks
    }

    /// The one-line form `<![CDATA[ ... ]]>`: the pattern's `.` does not match a newline.
    private static func cdataSectionEnd(in input: Scalars, at start: Int) -> Int? {
        guard input[start...].starts(with: "<![CDATA[".unicodeScalars) else { return nil }
        var index = start + 9
        while index + 2 < input.count, input[index] != "\n" {
            if input[index] == "]", input[index + 1] == "]", input[index + 2] == ">" {
                return index + 3
            }
            index += 1
        }
        return nil
    }
}

// MARK: - Tokenizer

/// Python's `html.parser.HTMLParser` with `convert_charrefs` off, fed chunk by chunk.
///
/// It keeps unfinished input in `buffer` until the next chunk arrives, so constructs that
/// span chunks (a quoted attribute value holding `>`) come out whole.
private struct HTMLTokenizer {
    private enum Step {
        case advance(to: Int)
        /// Stop scanning; the input from the index on waits for more data.
        case suspend(at: Int)
    }

    private var buffer: Scalars = []
    /// `script` or `style` while inside one: their content is text up to the matching end tag.
    private var rawTextElement: String?
    private var tokens: [HTMLToken] = []

    static func tokens(of input: Scalars) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer()
        for chunk in HTMLChunk.chunks(of: input) {
            switch chunk {
            case .cdata(let section):
                tokenizer.tokens.append(.verbatim(section))
            case .markup(let markup):
                tokenizer.buffer += markup
                tokenizer.process(atEnd: false)
            }
        }
        tokenizer.process(atEnd: true)
        return tokenizer.tokens
    }

    // MARK: Scanning loop

    private mutating func process(atEnd: Bool) {
        var index = 0
        scanning: while index < buffer.count {
            guard let special = nextSpecialIndex(from: index) else { break }
            if index < special {
                emitText(index..<special)
            }
            index = special
            if index == buffer.count { break }
            switch step(at: index, atEnd: atEnd) {
            case .advance(let next):
                index = next
            case .suspend(let next):
                index = next
                break scanning
            }
        }
        if atEnd, index < buffer.count, rawTextElement == nil {
            emitText(index..<buffer.count)
            index = buffer.count
        }
        buffer.removeFirst(index)
    }

    /// Where the next `<` or `&` is, or inside `script` / `style` where their end tag is
    /// (`nil` while it has not arrived).
    private func nextSpecialIndex(from start: Int) -> Int? {
        if let element = rawTextElement {
            return (start..<buffer.count).first { isRawTextEndTag(at: $0, element: element) }
        }
        return buffer[start...].firstIndex { $0 == "<" || $0 == "&" } ?? buffer.count
    }

    private mutating func step(at index: Int, atEnd: Bool) -> Step {
        if buffer[index] == "<" {
            return markupStep(at: index, atEnd: atEnd)
        }
        if hasPrefix("&#", at: index) {
            return characterReferenceStep(at: index)
        }
        return entityReferenceStep(at: index, atEnd: atEnd)
    }

    private mutating func markupStep(at index: Int, atEnd: Bool) -> Step {
        let parsedEnd: Int?
        if index + 1 < buffer.count, buffer[index + 1].isASCIILetter {
            parsedEnd = parseStartTag(at: index)
        } else if hasPrefix("</", at: index) {
            parsedEnd = parseEndTag(at: index)
        } else if hasPrefix("<!--", at: index) {
            parsedEnd = parseComment(at: index)
        } else if hasPrefix("<?", at: index) {
            parsedEnd = parseProcessingInstruction(at: index)
        } else if hasPrefix("<!", at: index) {
            parsedEnd = parseDeclaration(at: index)
        } else if index + 1 < buffer.count {
            emitText(index..<(index + 1))
            return .advance(to: index + 1)
        } else {
            return .suspend(at: index)
        }
        if let parsedEnd {
            return .advance(to: parsedEnd)
        }
        guard atEnd else { return .suspend(at: index) }
        // Input ended inside the construct: Python gives it up as text, up to its first `>`
        // (or up to the next `<`).
        let end = firstIndex(of: ">", from: index + 1).map { $0 + 1 }
            ?? firstIndex(of: "<", from: index + 1)
            ?? index + 1
        emitText(index..<end)
        return .advance(to: end)
    }

    private mutating func characterReferenceStep(at index: Int) -> Step {
        if let (name, end) = matchCharacterReference(at: index) {
            tokens.append(.characterReference(name: name))
            return .advance(to: end)
        }
        // Python gives up the `&#` as text only if a `;` is still to come, and either way
        // stops scanning until more input (or the end) arrives.
        if buffer[index...].contains(";") {
            emitText(index..<(index + 2))
            return .suspend(at: index + 2)
        }
        return .suspend(at: index)
    }

    private mutating func entityReferenceStep(at index: Int, atEnd: Bool) -> Step {
        if let (name, end) = matchEntityReference(at: index) {
            tokens.append(.entityReference(name: name))
            return .advance(to: end)
        }
        let next = index + 1
        if next < buffer.count, buffer[next].isASCIILetter || buffer[next] == "#" {
            // Possibly a reference cut by the end of the chunk. Python drops the `&` of an
            // `&x` that ends the document.
            return .suspend(at: atEnd && next + 1 == buffer.count ? next : index)
        }
        guard next < buffer.count else { return .suspend(at: index) }
        emitText(index..<next)
        return .advance(to: next)
    }

    // MARK: References

    /// `&#` digits or `&#x` hex digits, ended by any character but a hex digit (a `;` is
    /// consumed, anything else is not); `nil` when the terminator has not arrived yet.
    private func matchCharacterReference(at index: Int) -> (name: String, end: Int)? {
        let nameStart = index + 2
        guard nameStart < buffer.count else { return nil }
        let digitsEnd: Int
        if buffer[nameStart] == "x" || buffer[nameStart] == "X" {
            digitsEnd = scan(from: nameStart + 1, while: \.isASCIIHexDigit)
            guard digitsEnd > nameStart + 1 else { return nil }
        } else {
            digitsEnd = scan(from: nameStart, while: \.isASCIIDigit)
            guard digitsEnd > nameStart else { return nil }
        }
        guard digitsEnd < buffer.count, !buffer[digitsEnd].isASCIIHexDigit else { return nil }
        return (string(nameStart..<digitsEnd), referenceEnd(terminator: digitsEnd))
    }

    /// `&` name, where a name is a letter followed by letters, digits, `-` and `.`, ended by
    /// any character but a letter or digit.
    private func matchEntityReference(at index: Int) -> (name: String, end: Int)? {
        let nameStart = index + 1
        guard nameStart < buffer.count, buffer[nameStart].isASCIILetter else { return nil }
        let runEnd = scan(from: nameStart + 1) { $0.isASCIIAlphanumeric || $0 == "-" || $0 == "." }
        if runEnd < buffer.count {
            return (string(nameStart..<runEnd), referenceEnd(terminator: runEnd))
        }
        // The run reaches the end of the buffer: Python's pattern then backtracks to the last
        // `-` or `.` of the run, which serves as the terminator.
        guard let terminator = (nameStart + 1..<runEnd).last(where: { buffer[$0] == "-" || buffer[$0] == "." })
        else { return nil }
        return (string(nameStart..<terminator), terminator)
    }

    private func referenceEnd(terminator: Int) -> Int {
        buffer[terminator] == ";" ? terminator + 1 : terminator
    }

    // MARK: Start tags

    private mutating func parseStartTag(at start: Int) -> Int? {
        guard let end = wholeStartTagEnd(at: start) else { return nil }
        let nameEnd = tagNameEnd(from: start + 1)
        let name = lowercased(start + 1..<nameEnd)
        var index = skipSeparators(from: nameEnd)
        var attributes: [HTMLAttribute] = []
        while index < end, let match = matchAttribute(at: index) {
            attributes.append(attribute(from: match))
            index = match.end
        }
        let closing = trimmingWhitespace(Array(buffer[min(index, end)..<end]))
        guard closing == Array(">".unicodeScalars) || closing == Array("/>".unicodeScalars) else {
            emitText(start..<end)
            return end
        }
        let isSelfClosing = closing.count == 2
        tokens.append(.startTag(name: name, attributes: attributes, isSelfClosing: isSelfClosing))
        if !isSelfClosing, name == "script" || name == "style" {
            rawTextElement = name
        }
        return end
    }

    /// Python's `check_for_whole_start_tag`: where the tag ends, or `nil` if it may still be
    /// unfinished.
    private func wholeStartTagEnd(at start: Int) -> Int? {
        let end = startTagExtent(at: start)
        guard end < buffer.count else { return nil }
        let next = buffer[end]
        if next == ">" {
            return end + 1
        }
        if next == "/" {
            return hasPrefix("/>", at: end) ? end + 2 : nil
        }
        if next == "=" || next.isASCIILetter {
            // An attribute may still be arriving.
            return nil
        }
        // Not a tag after all: what was scanned is handed back as text by the caller.
        return end > start ? end : start + 1
    }

    /// How far the tag name, the attributes and trailing whitespace reach.
    private func startTagExtent(at start: Int) -> Int {
        var index = scan(from: tagNameEnd(from: start + 1)) { $0.isPythonWhitespace || $0 == "/" }
        while let match = matchAttribute(at: index) {
            index = match.end
        }
        return scan(from: index, while: \.isPythonWhitespace)
    }

    private struct AttributeMatch {
        let name: Range<Int>
        let value: Range<Int>?
        let end: Int
    }

    /// One attribute: a name that follows a quote, whitespace or `/`, an optional value, and
    /// the whitespace and slashes after it.
    private func matchAttribute(at start: Int) -> AttributeMatch? {
        guard start > 0, start < buffer.count else { return nil }
        let previous = buffer[start - 1]
        let first = buffer[start]
        guard previous == "'" || previous == "\"" || previous == "/" || previous.isPythonWhitespace,
              !first.isPythonWhitespace, first != "/", first != ">"
        else { return nil }
        let nameEnd = scan(from: start + 1) { !isAttributeNameTerminator($0) }
        let value = matchAttributeValue(after: nameEnd)
        return AttributeMatch(
            name: start..<nameEnd,
            value: value,
            end: skipSeparators(from: value?.upperBound ?? nameEnd)
        )
    }

    private func isAttributeNameTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isPythonWhitespace || scalar == "/" || scalar == "=" || scalar == ">"
    }

    /// `\s*=+\s*` and a value, quoted or bare. An unclosed quote makes Python's pattern
    /// backtrack: first into the whitespace after the `=`s (leaving an empty value), then into
    /// the `=`s themselves (so that the value starts with `=`).
    private func matchAttributeValue(after nameEnd: Int) -> Range<Int>? {
        let equalsStart = scan(from: nameEnd, while: \.isPythonWhitespace)
        let equalsEnd = scan(from: equalsStart) { $0 == "=" }
        guard equalsEnd > equalsStart else { return nil }
        for afterEquals in stride(from: equalsEnd, through: equalsStart + 1, by: -1) {
            let spaceEnd = scan(from: afterEquals, while: \.isPythonWhitespace)
            for valueStart in stride(from: spaceEnd, through: afterEquals, by: -1) {
                if let valueEnd = attributeValueEnd(from: valueStart) {
                    return valueStart..<valueEnd
                }
            }
        }
        return nil
    }

    private func attributeValueEnd(from start: Int) -> Int? {
        guard start < buffer.count else { return start }
        let quote = buffer[start]
        guard quote == "'" || quote == "\"" else {
            return scan(from: start) { $0 != ">" && !$0.isPythonWhitespace }
        }
        return firstIndex(of: quote, from: start + 1).map { $0 + 1 }
    }

    private func attribute(from match: AttributeMatch) -> HTMLAttribute {
        let name = lowercased(match.name)
        guard let range = match.value else { return HTMLAttribute(name: name, value: nil) }
        var value = Array(buffer[range])
        if let first = value.first, first == value.last, first == "'" || first == "\"" {
            value = Array(value.dropFirst().dropLast())
        }
        return HTMLAttribute(name: name, value: HTMLEntities.unescape(value))
    }

    // MARK: End tags

    private mutating func parseEndTag(at start: Int) -> Int? {
        guard let closingBracket = firstIndex(of: ">", from: start + 1) else { return nil }
        let end = closingBracket + 1
        if let nameRange = strictEndTagName(at: start) {
            let name = lowercased(nameRange)
            if let element = rawTextElement, element != name {
                emitText(start..<end)
                return end
            }
            tokens.append(.endTag(name: name))
            rawTextElement = nil
            return end
        }
        if rawTextElement != nil {
            emitText(start..<end)
            return end
        }
        if start + 2 < buffer.count, buffer[start + 2].isASCIILetter {
            // Whatever follows the name up to the `>` is ignored.
            tokens.append(.endTag(name: lowercased(start + 2..<tagNameEnd(from: start + 2))))
            return end
        }
        if hasPrefix("</>", at: start) {
            return start + 3
        }
        return parseBogusComment(at: start)
    }

    /// `</`, optional whitespace, a name of letters, digits, `-.:_`, optional whitespace, `>`.
    private func strictEndTagName(at start: Int) -> Range<Int>? {
        let nameStart = scan(from: start + 2, while: \.isPythonWhitespace)
        guard nameStart < buffer.count, buffer[nameStart].isASCIILetter else { return nil }
        let nameEnd = scan(from: nameStart + 1) {
            $0.isASCIIAlphanumeric || $0 == "-" || $0 == "." || $0 == ":" || $0 == "_"
        }
        let bracket = scan(from: nameEnd, while: \.isPythonWhitespace)
        guard bracket < buffer.count, buffer[bracket] == ">" else { return nil }
        return nameStart..<nameEnd
    }

    /// Whether `</element>` (whitespace allowed around the name, ASCII case ignored) is at `index`.
    private func isRawTextEndTag(at index: Int, element: String) -> Bool {
        guard hasPrefix("</", at: index) else { return false }
        var cursor = scan(from: index + 2, while: \.isPythonWhitespace)
        for expected in element.unicodeScalars {
            guard cursor < buffer.count, lowercasedASCII(buffer[cursor]) == expected else { return false }
            cursor += 1
        }
        cursor = scan(from: cursor, while: \.isPythonWhitespace)
        return cursor < buffer.count && buffer[cursor] == ">"
    }

    // MARK: Comments, declarations, processing instructions

    /// `<!--` up to the first `--`, optional whitespace, `>`.
    private mutating func parseComment(at start: Int) -> Int? {
        for dashes in (start + 4)..<buffer.count where hasPrefix("--", at: dashes) {
            let bracket = scan(from: dashes + 2, while: \.isPythonWhitespace)
            if bracket < buffer.count, buffer[bracket] == ">" {
                tokens.append(.comment(Array(buffer[(start + 4)..<dashes])))
                return bracket + 1
            }
        }
        return nil
    }

    /// Anything from `<!` or `</` to the first `>`, reported as a comment.
    private mutating func parseBogusComment(at start: Int) -> Int? {
        guard let bracket = firstIndex(of: ">", from: start + 2) else { return nil }
        tokens.append(.comment(Array(buffer[(start + 2)..<bracket])))
        return bracket + 1
    }

    private mutating func parseProcessingInstruction(at start: Int) -> Int? {
        guard let bracket = firstIndex(of: ">", from: start + 2) else { return nil }
        tokens.append(.processingInstruction(Array(buffer[(start + 2)..<bracket])))
        return bracket + 1
    }

    private mutating func parseDeclaration(at start: Int) -> Int? {
        if hasPrefix("<![", at: start) {
            return parseMarkedSection(at: start)
        }
        guard hasPrefix("<!doctype", at: start, ignoringASCIICase: true) else {
            return parseBogusComment(at: start)
        }
        guard let bracket = firstIndex(of: ">", from: start + 9) else { return nil }
        tokens.append(.declaration(Array(buffer[(start + 2)..<bracket])))
        return bracket + 1
    }

    /// `<![keyword ... ]]>` (or `]>` for Microsoft Office's `if`, `else`, `endif`). One-line
    /// CDATA sections never get here: the chunking passes them through.
    private mutating func parseMarkedSection(at start: Int) -> Int? {
        let keywordStart = start + 3
        guard keywordStart < buffer.count else { return nil }
        // Where Python raises (no keyword, or an unknown one), read it as HTML 5 does.
        guard buffer[keywordStart].isASCIILetter else { return parseBogusComment(at: start) }
        let keywordEnd = scan(from: keywordStart + 1) {
            $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard scan(from: keywordEnd, while: \.isPythonWhitespace) < buffer.count else { return nil }
        let closer: Range<Int>?
        switch lowercased(keywordStart..<keywordEnd) {
        case "temp", "cdata", "ignore", "include", "rcdata":
            closer = firstMatch(of: ["]", "]", ">"], from: keywordStart)
        case "if", "else", "endif":
            closer = firstMatch(of: ["]", ">"], from: keywordStart)
        default:
            return parseBogusComment(at: start)
        }
        guard let closer else { return nil }
        tokens.append(.declaration(Array(buffer[keywordStart..<closer.lowerBound])))
        return closer.upperBound
    }

    /// The first place where `pattern` occurs with optional whitespace between its scalars.
    private func firstMatch(of pattern: Scalars, from start: Int) -> Range<Int>? {
        candidates: for candidate in start..<buffer.count where buffer[candidate] == pattern[0] {
            var cursor = candidate + 1
            for expected in pattern.dropFirst() {
                cursor = scan(from: cursor, while: \.isPythonWhitespace)
                guard cursor < buffer.count, buffer[cursor] == expected else { continue candidates }
                cursor += 1
            }
            return candidate..<cursor
        }
        return nil
    }

    // MARK: Helpers

    private mutating func emitText(_ range: Range<Int>) {
        tokens.append(.text(Array(buffer[range])))
    }

    /// A tag name starts with a letter at `nameStart` and runs to a tab, line feed, carriage
    /// return, form feed, space, `/`, `>` or NUL (other whitespace belongs to the name).
    private func tagNameEnd(from nameStart: Int) -> Int {
        scan(from: nameStart + 1) { !"\t\n\r\u{0C} />\0".unicodeScalars.contains($0) }
    }

    /// Whitespace, and slashes that do not start `/>`.
    private func skipSeparators(from start: Int) -> Int {
        var index = start
        while index < buffer.count,
              buffer[index].isPythonWhitespace || (buffer[index] == "/" && !hasPrefix("/>", at: index)) {
            index += 1
        }
        return index
    }

    private func scan(from start: Int, while predicate: (Unicode.Scalar) -> Bool) -> Int {
        var index = start
        while index < buffer.count, predicate(buffer[index]) {
            index += 1
        }
        return index
    }

    private func firstIndex(of scalar: Unicode.Scalar, from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer[start...].firstIndex(of: scalar)
    }

    private func hasPrefix(_ prefix: String, at index: Int, ignoringASCIICase: Bool = false) -> Bool {
        guard index <= buffer.count else { return false }
        let candidate = buffer[index...].prefix(prefix.unicodeScalars.count)
        guard candidate.count == prefix.unicodeScalars.count else { return false }
        guard ignoringASCIICase else { return candidate.elementsEqual(prefix.unicodeScalars) }
        return candidate.map(lowercasedASCII).elementsEqual(prefix.unicodeScalars)
    }

    private func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(buffer[range]))
    }

    private func lowercased(_ range: Range<Int>) -> String {
        pythonLowercased(buffer[range])
    }

    private func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }
}

// MARK: - Writer

/// The handlers of the script's parser subclass, which build the normalised text.
private struct NormalizedHTMLWriter {
    private enum Event {
        case startTag, endTag, text, comment, declaration, processingInstruction, reference
    }

    private static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map",
        "button", "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre",
        "dd", "progress", "div", "section", "dl", "table", "td", "dt", "tbody", "embed",
        "textarea", "fieldset", "tfoot", "figcaption", "th", "figure", "thead", "footer", "tr",
        "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video", "script", "style",
    ]

    private var output: Scalars = []
    private var lastEvent = Event.startTag
    private var lastTag = ""
    private var isInPre = false

    var result: String { String(String.UnicodeScalarView(output)) }

    mutating func write(_ token: HTMLToken) {
        switch token {
        case .text(let text):
            writeText(text)
        case let .startTag(name, attributes, isSelfClosing):
            writeStartTag(name, attributes: attributes)
            if isSelfClosing {
                // `<br />` is written `<br>`, and counts as closed for what follows.
                lastEvent = .endTag
            }
        case .endTag(let name):
            writeEndTag(name)
        case .comment(let text):
            append("<!--", text, "-->", event: .comment)
        case .declaration(let text):
            append("<!", text, ">", event: .declaration)
        case .processingInstruction(let text):
            append("<?", text, ">", event: .processingInstruction)
        case .entityReference(let name):
            writeReference(HTMLEntities.html4CodePoints[name].flatMap { Unicode.Scalar($0) }, name: name)
        case .characterReference(let name):
            writeReference(Self.character(referencedBy: name), name: name)
        case .verbatim(let text):
            output += text
        }
    }

    private mutating func writeText(_ text: Scalars) {
        let isAfterTag = lastEvent == .startTag || lastEvent == .endTag
        var text = text[...]
        if isAfterTag, lastTag == "br" {
            text = text.drop { $0 == "\n" }
        }
        var written = isInPre ? Array(text) : collapsingWhitespace(text)
        if isAfterTag, Self.blockTags.contains(lastTag), !isInPre {
            written = lastEvent == .startTag
                ? Array(written.drop(while: \.isPythonWhitespace))
                : trimmingWhitespace(written)
        }
        output += written
        lastEvent = .text
    }

    private mutating func writeStartTag(_ name: String, attributes: [HTMLAttribute]) {
        if name == "pre" {
            isInPre = true
        }
        if Self.blockTags.contains(name) {
            trimTrailingWhitespace()
        }
        output += "<\(name)".unicodeScalars
        for attribute in attributes.sorted(by: Self.precedes) {
            output += " \(attribute.name)".unicodeScalars
            if let value = attribute.value {
                output += "=\"".unicodeScalars
                output += escapingAttributeValue(value)
                output.append("\"")
            }
        }
        output.append(">")
        lastTag = name
        lastEvent = .startTag
    }

    private mutating func writeEndTag(_ name: String) {
        if name == "pre" {
            isInPre = false
        } else if Self.blockTags.contains(name) {
            trimTrailingWhitespace()
        }
        output += "</\(name)>".unicodeScalars
        lastTag = name
        lastEvent = .endTag
    }

    private mutating func writeReference(_ character: Unicode.Scalar?, name: String) {
        switch character {
        case "<"?: output += "&lt;".unicodeScalars
        case ">"?: output += "&gt;".unicodeScalars
        case "&"?: output += "&amp;".unicodeScalars
        case "\""?: output += "&quot;".unicodeScalars
        case let character?: output.append(character)
        case nil: output += "&\(name);".unicodeScalars
        }
        lastEvent = .reference
    }

    private mutating func append(_ opening: String, _ text: Scalars, _ closing: String, event: Event) {
        output += opening.unicodeScalars
        output += text
        output += closing.unicodeScalars
        lastEvent = event
    }

    private mutating func trimTrailingWhitespace() {
        while let last = output.last, last.isPythonWhitespace {
            output.removeLast()
        }
    }

    /// The script decodes `x`-prefixed names as hex and all others as decimal, so `&#X41;`
    /// is kept as written (and written back without its `#`, as the script does).
    private static func character(referencedBy name: String) -> Unicode.Scalar? {
        let value = name.hasPrefix("x") ? UInt32(name.dropFirst(), radix: 16) : UInt32(name)
        guard let value, value <= 0x10FFFF else { return nil }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Python sorts `(name, value)` pairs by code point; it cannot compare a missing value
    /// with a present one, and this puts the missing one first.
    private static func precedes(_ lhs: HTMLAttribute, _ rhs: HTMLAttribute) -> Bool {
        if !lhs.name.unicodeScalars.elementsEqual(rhs.name.unicodeScalars) {
            return lhs.name.unicodeScalars.lexicographicallyPrecedes(rhs.name.unicodeScalars)
        }
        switch (lhs.value, rhs.value) {
        case let (left?, right?): return left.lexicographicallyPrecedes(right)
        case (nil, _?): return true
        default: return false
        }
    }
}

/// Python's `html.escape(value, quote=True)`.
private func escapingAttributeValue(_ value: Scalars) -> Scalars {
    var escaped: Scalars = []
    for scalar in value {
        switch scalar {
        case "&": escaped += "&amp;".unicodeScalars
        case "<": escaped += "&lt;".unicodeScalars
        case ">": escaped += "&gt;".unicodeScalars
        case "\"": escaped += "&quot;".unicodeScalars
        case "'": escaped += "&#x27;".unicodeScalars
        default: escaped.append(scalar)
        }
    }
    return escaped
}

/// Each run of whitespace becomes one space.
private func collapsingWhitespace(_ text: ArraySlice<Unicode.Scalar>) -> Scalars {
    var collapsed: Scalars = []
    var isInRun = false
    for scalar in text {
        if !scalar.isPythonWhitespace {
            collapsed.append(scalar)
        } else if !isInRun {
            collapsed.append(" ")
        }
        isInRun = scalar.isPythonWhitespace
    }
    return collapsed
}

private func trimmingWhitespace(_ text: Scalars) -> Scalars {
    guard let first = text.firstIndex(where: { !$0.isPythonWhitespace }),
          let last = text.lastIndex(where: { !$0.isPythonWhitespace })
    else { return [] }
    return Array(text[first...last])
}

/// Python's `str.lower()`: the full Unicode mapping, with capital sigma becoming final sigma
/// at the end of a word, which Swift's `lowercased()` does not do on every platform.
private func pythonLowercased(_ text: ArraySlice<Unicode.Scalar>) -> String {
    var lowered = String.UnicodeScalarView()
    for index in text.indices {
        if text[index] == "\u{03A3}" {
            lowered.append(isFinalSigma(at: index, in: text) ? "\u{03C2}" : "\u{03C3}")
        } else {
            lowered.append(contentsOf: text[index].properties.lowercaseMapping.unicodeScalars)
        }
    }
    return String(lowered)
}

/// Unicode's Final_Sigma context: a cased letter before, none after (case-ignorable
/// characters such as apostrophes skipped).
private func isFinalSigma(at index: Int, in text: ArraySlice<Unicode.Scalar>) -> Bool {
    let before = text[..<index].last { !$0.properties.isCaseIgnorable }
    let after = text[(index + 1)...].first { !$0.properties.isCaseIgnorable }
    return before?.properties.isCased == true && after?.properties.isCased != true
}

private extension Unicode.Scalar {
    /// Python's `str.isspace`, which is also what `\s` and `str.strip()` use: wider than
    /// ASCII whitespace (it includes U+001C...U+001F, U+0085 and U+00A0, for instance).
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
    var isASCIIHexDigit: Bool { isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
}

// MARK: - Entities

private enum HTMLEntities {
    /// The HTML 4 entities (Python's `html.entities.name2codepoint`): the only names the script
    /// resolves in text.
    static let html4CodePoints: [String: UInt32] = [
        "AElig": 0xC6, "Aacute": 0xC1, "Acirc": 0xC2, "Agrave": 0xC0, "Alpha": 0x391, "Aring": 0xC5,
        "Atilde": 0xC3, "Auml": 0xC4, "Beta": 0x392, "Ccedil": 0xC7, "Chi": 0x3A7, "Dagger": 0x2021,
        "Delta": 0x394, "ETH": 0xD0, "Eacute": 0xC9, "Ecirc": 0xCA, "Egrave": 0xC8,
        "Epsilon": 0x395, "Eta": 0x397, "Euml": 0xCB, "Gamma": 0x393, "Iacute": 0xCD, "Icirc": 0xCE,
        "Igrave": 0xCC, "Iota": 0x399, "Iuml": 0xCF, "Kappa": 0x39A, "Lambda": 0x39B, "Mu": 0x39C,
        "Ntilde": 0xD1, "Nu": 0x39D, "OElig": 0x152, "Oacute": 0xD3, "Ocirc": 0xD4, "Ograve": 0xD2,
        "Omega": 0x3A9, "Omicron": 0x39F, "Oslash": 0xD8, "Otilde": 0xD5, "Ouml": 0xD6,
        "Phi": 0x3A6, "Pi": 0x3A0, "Prime": 0x2033, "Psi": 0x3A8, "Rho": 0x3A1, "Scaron": 0x160,
        "Sigma": 0x3A3, "THORN": 0xDE, "Tau": 0x3A4, "Theta": 0x398, "Uacute": 0xDA, "Ucirc": 0xDB,
        "Ugrave": 0xD9, "Upsilon": 0x3A5, "Uuml": 0xDC, "Xi": 0x39E, "Yacute": 0xDD, "Yuml": 0x178,
        "Zeta": 0x396, "aacute": 0xE1, "acirc": 0xE2, "acute": 0xB4, "aelig": 0xE6, "agrave": 0xE0,
        "alefsym": 0x2135, "alpha": 0x3B1, "amp": 0x26, "and": 0x2227, "ang": 0x2220, "aring": 0xE5,
        "asymp": 0x2248, "atilde": 0xE3, "auml": 0xE4, "bdquo": 0x201E, "beta": 0x3B2,
        "brvbar": 0xA6, "bull": 0x2022, "cap": 0x2229, "ccedil": 0xE7, "cedil": 0xB8, "cent": 0xA2,
        "chi": 0x3C7, "circ": 0x2C6, "clubs": 0x2663, "cong": 0x2245, "copy": 0xA9, "crarr": 0x21B5,
        "cup": 0x222A, "curren": 0xA4, "dArr": 0x21D3, "dagger": 0x2020, "darr": 0x2193,
        "deg": 0xB0, "delta": 0x3B4, "diams": 0x2666, "divide": 0xF7, "eacute": 0xE9, "ecirc": 0xEA,
        "egrave": 0xE8, "empty": 0x2205, "emsp": 0x2003, "ensp": 0x2002, "epsilon": 0x3B5,
        "equiv": 0x2261, "eta": 0x3B7, "eth": 0xF0, "euml": 0xEB, "euro": 0x20AC, "exist": 0x2203,
        "fnof": 0x192, "forall": 0x2200, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE,
        "frasl": 0x2044, "gamma": 0x3B3, "ge": 0x2265, "gt": 0x3E, "hArr": 0x21D4, "harr": 0x2194,
        "hearts": 0x2665, "hellip": 0x2026, "iacute": 0xED, "icirc": 0xEE, "iexcl": 0xA1,
        "igrave": 0xEC, "image": 0x2111, "infin": 0x221E, "int": 0x222B, "iota": 0x3B9,
        "iquest": 0xBF, "isin": 0x2208, "iuml": 0xEF, "kappa": 0x3BA, "lArr": 0x21D0,
        "lambda": 0x3BB, "lang": 0x2329, "laquo": 0xAB, "larr": 0x2190, "lceil": 0x2308,
        "ldquo": 0x201C, "le": 0x2264, "lfloor": 0x230A, "lowast": 0x2217, "loz": 0x25CA,
        "lrm": 0x200E, "lsaquo": 0x2039, "lsquo": 0x2018, "lt": 0x3C, "macr": 0xAF, "mdash": 0x2014,
        "micro": 0xB5, "middot": 0xB7, "minus": 0x2212, "mu": 0x3BC, "nabla": 0x2207, "nbsp": 0xA0,
        "ndash": 0x2013, "ne": 0x2260, "ni": 0x220B, "not": 0xAC, "notin": 0x2209, "nsub": 0x2284,
        "ntilde": 0xF1, "nu": 0x3BD, "oacute": 0xF3, "ocirc": 0xF4, "oelig": 0x153, "ograve": 0xF2,
        "oline": 0x203E, "omega": 0x3C9, "omicron": 0x3BF, "oplus": 0x2295, "or": 0x2228,
        "ordf": 0xAA, "ordm": 0xBA, "oslash": 0xF8, "otilde": 0xF5, "otimes": 0x2297, "ouml": 0xF6,
        "para": 0xB6, "part": 0x2202, "permil": 0x2030, "perp": 0x22A5, "phi": 0x3C6, "pi": 0x3C0,
        "piv": 0x3D6, "plusmn": 0xB1, "pound": 0xA3, "prime": 0x2032, "prod": 0x220F,
        "prop": 0x221D, "psi": 0x3C8, "quot": 0x22, "rArr": 0x21D2, "radic": 0x221A, "rang": 0x232A,
        "raquo": 0xBB, "rarr": 0x2192, "rceil": 0x2309, "rdquo": 0x201D, "real": 0x211C,
        "reg": 0xAE, "rfloor": 0x230B, "rho": 0x3C1, "rlm": 0x200F, "rsaquo": 0x203A,
        "rsquo": 0x2019, "sbquo": 0x201A, "scaron": 0x161, "sdot": 0x22C5, "sect": 0xA7,
        "shy": 0xAD, "sigma": 0x3C3, "sigmaf": 0x3C2, "sim": 0x223C, "spades": 0x2660,
        "sub": 0x2282, "sube": 0x2286, "sum": 0x2211, "sup": 0x2283, "sup1": 0xB9, "sup2": 0xB2,
        "sup3": 0xB3, "supe": 0x2287, "szlig": 0xDF, "tau": 0x3C4, "there4": 0x2234, "theta": 0x3B8,
        "thetasym": 0x3D1, "thinsp": 0x2009, "thorn": 0xFE, "tilde": 0x2DC, "times": 0xD7,
        "trade": 0x2122, "uArr": 0x21D1, "uacute": 0xFA, "uarr": 0x2191, "ucirc": 0xFB,
        "ugrave": 0xF9, "uml": 0xA8, "upsih": 0x3D2, "upsilon": 0x3C5, "uuml": 0xFC,
        "weierp": 0x2118, "xi": 0x3BE, "yacute": 0xFD, "yen": 0xA5, "yuml": 0xFF, "zeta": 0x3B6,
        "zwj": 0x200D, "zwnj": 0x200C,
    ]

    /// Names HTML 5 also recognises without the `;`, as Python's `html.unescape` does.
    private static let legacyNames: Set<String> = [
        "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
        "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
        "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
        "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig",
        "agrave", "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy",
        "curren", "deg", "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14",
        "frac34", "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt",
        "macr", "micro", "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf",
        "ordm", "oslash", "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg",
        "sect", "shy", "sup1", "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc",
        "ugrave", "uml", "uuml", "yacute", "yen", "yuml",
    ]

    /// HTML 5 values that the HTML 4 table lacks or differs on (`lang`, `rang`), limited to
    /// the names the spec files use: the full HTML 5 list has over 2,000 names.
    private static let html5Values: [String: String] = [
        "AMP": "&", "COPY": "\u{A9}", "GT": ">", "LT": "<", "QUOT": "\"", "REG": "\u{AE}",
        "lang": "\u{27E8}", "rang": "\u{27E9}", "ClockwiseContourIntegral": "\u{2232}",
        "Dcaron": "\u{10E}", "DifferentialD": "\u{2146}", "HilbertSpace": "\u{210B}",
        "ngE": "\u{2267}\u{338}",
    ]

    /// Windows-1252 meanings HTML 5 gives to references to U+0080...U+009F.
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
        0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// Python's `html.unescape`, which `html.parser` applies to attribute values (unlike text,
    /// with the HTML 5 rules: references without `;`, longest-prefix matches).
    static func unescape(_ value: Scalars) -> Scalars {
        guard value.contains("&") else { return value }
        var result: Scalars = []
        var index = 0
        while index < value.count {
            if value[index] == "&", let end = referenceEnd(in: value, at: index) {
                result += replacement(for: Array(value[(index + 1)..<end]))
                index = end
            } else {
                result.append(value[index])
                index += 1
            }
        }
        return result
    }

    /// `&#` digits, `&#x` hex digits, or up to 32 name characters, each optionally with `;`.
    private static func referenceEnd(in value: Scalars, at ampersand: Int) -> Int? {
        func scan(from start: Int, limit: Int = .max, _ predicate: (Unicode.Scalar) -> Bool) -> Int {
            var index = start
            while index < value.count, index - start < limit, predicate(value[index]) {
                index += 1
            }
            return index
        }
        let start = ampersand + 1
        var end: Int
        if start < value.count, value[start] == "#" {
            end = scan(from: start + 1, \.isASCIIDigit)
            if end == start + 1, start + 1 < value.count, value[start + 1] == "x" || value[start + 1] == "X" {
                end = scan(from: start + 2, \.isASCIIHexDigit)
                guard end > start + 2 else { return nil }
            }
            guard end > start + 1 else { return nil }
        } else {
            end = scan(from: start, limit: 32) { !"\t\n\u{0C} <&#;".unicodeScalars.contains($0) }
            guard end > start else { return nil }
        }
        return end < value.count && value[end] == ";" ? end + 1 : end
    }

    private static func replacement(for reference: Scalars) -> Scalars {
        if reference.first == "#" {
            return numericReplacement(for: reference.dropFirst().filter { $0 != ";" })
        }
        if let value = html5Value(named: reference) {
            return value
        }
        for length in stride(from: reference.count - 1, through: 2, by: -1) {
            if let value = html5Value(named: Array(reference.prefix(length))) {
                return value + reference.dropFirst(length)
            }
        }
        return ["&"] + reference
    }

    private static func html5Value(named reference: Scalars) -> Scalars? {
        let hasSemicolon = reference.last == ";"
        let name = String(String.UnicodeScalarView(hasSemicolon ? reference.dropLast() : reference[...]))
        guard hasSemicolon || legacyNames.contains(name) else { return nil }
        if let value = html5Values[name] {
            return Array(value.unicodeScalars)
        }
        return html4CodePoints[name].flatMap { Unicode.Scalar($0) }.map { [$0] }
    }

    private static func numericReplacement(for digits: Scalars) -> Scalars {
        let isHex = digits.first == "x" || digits.first == "X"
        let number = (isHex ? digits.dropFirst() : digits[...]).reduce(UInt32(0)) { total, digit in
            // Anything past U+10FFFF is treated alike, so saturate instead of overflowing.
            min(total * (isHex ? 16 : 10) + hexDigitValue(digit), 0x110000)
        }
        switch number {
        case 0x00: return ["\u{FFFD}"]
        case 0x0D: return ["\r"]
        case 0x80...0x9F: return [Unicode.Scalar(windows1252[Int(number - 0x80)])!]
        case 0xD800...0xDFFF, 0x110000...: return ["\u{FFFD}"]
        case 0x01...0x08, 0x0B, 0x0E...0x1F, 0x7F, 0xFDD0...0xFDEF: return []
        case _ where number & 0xFFFE == 0xFFFE: return []
        default: return [Unicode.Scalar(number)!]
        }
    }

    private static func hexDigitValue(_ digit: Unicode.Scalar) -> UInt32 {
        switch digit {
        case "0"..."9": digit.value - 0x30
        case "a"..."f": digit.value - 0x61 + 10
        default: digit.value - 0x41 + 10
        }
    }
}
