/// Escaping for the few pieces of HTML the renderer writes itself.
enum HTMLEscaping {
    /// Escapes text for an element's content or a double-quoted attribute value.
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: hand it back without copying scalar by scalar.
        if !text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
