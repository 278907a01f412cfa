/// Text for XML (Atom, SVG): the five special characters as entities, and characters XML 1.0
/// cannot carry (C0 controls other than tab and line ends, U+FFFE, U+FFFF) dropped, so that
/// whatever a repository says, the document parses.
enum XMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                    || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Text for consumers that put values into HTML without escaping them (the InnerSource portal
/// shows some values through tooltips that read HTML): no markup characters, no controls, white
/// space collapsed, and a length a card can show.
public enum PlainText {
    public static func of(_ text: String, limit: Int = 500) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if "<>\"'`&\\".unicodeScalars.contains(scalar) { continue }
            if pendingSpace { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        guard out.count > limit else { return out }
        return String(out.prefix(limit - 1)) + "…"
    }
}
