/// GitHub's heading anchors: `## Getting Started!` → `getting-started`; repeats get `-1`, `-2`.
/// Authors link to headings this way (`[setup](#getting-started)`), so the catalogue must
/// produce the same words.
struct HeadingAnchors {
    private var counts: [String: Int] = [:]

    mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        let seen = counts[base, default: 0]
        counts[base] = seen + 1
        return seen == 0 ? base : "\(base)-\(seen)"
    }

    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            let category = scalar.properties.generalCategory
            switch category {
            case _ where scalar == " ": slug.append("-")
            case _ where scalar == "-": slug.append("-")
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                slug.unicodeScalars.append(scalar)
            default:
                continue
            }
        }
        return slug
    }
}
