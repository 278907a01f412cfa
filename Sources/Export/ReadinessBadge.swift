public import AtriumModel

/// `projects/<slug>/badge.svg`: the project's readiness level as a flat two-part badge that a
/// README can show. Text only from Atrium's own vocabulary, a generic font stack (nothing
/// fetched), a title and an `aria-label` for screen readers.
public enum ReadinessBadge {
    public static func svg(level: Readiness.Level?, score: Int?) -> String {
        let label = "InnerSource"
        let value = level.map { level in score.map { "\(level.rawValue) · \($0)" } ?? level.rawValue } ?? "not assessed"
        let colour = switch level {
        case .innerSourceReady: "#2e7d32"
        case .openToContributions: "#1565c0"
        case .documented: "#8d6e00"
        case .filingCabinet, nil: "#616161"
        }
        let labelWidth = width(of: label), valueWidth = width(of: value)
        let total = labelWidth + valueWidth
        let text = XMLText.escaped("\(label): \(value)")
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="20" viewBox="0 0 \(total) 20" role="img" aria-label="\(text)">
        <title>\(text)</title>
        <rect width="\(labelWidth)" height="20" fill="#424242"/>
        <rect x="\(labelWidth)" width="\(valueWidth)" height="20" fill="\(colour)"/>
        <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle" aria-hidden="true">
        <text x="\(labelWidth / 2)" y="14">\(XMLText.escaped(label))</text>
        <text x="\(labelWidth + valueWidth / 2)" y="14">\(XMLText.escaped(value))</text>
        </g>
        </svg>

        """
    }

    /// About 7 px a character at 11 px Verdana, with 10 px of padding each side.
    static func width(of text: String) -> Int {
        text.count * 7 + 20
    }
}
