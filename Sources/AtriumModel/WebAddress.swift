import Foundation

/// URLs from metadata and extracted facts that become links (`href`s on pages, `html_url` and
/// `docs` in exports): only web addresses may.
public enum WebAddress {
    /// The URL, trimmed, when it is `http:` or `https:` and has no control characters; else nil.
    public static func http(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" }) else { return nil }
        return trimmed
    }

    /// The same, also without spaces, quotes or angle brackets: for consumers that put values
    /// into markup without escaping them (the InnerSource portal's templates).
    public static func plainHTTP(_ url: String) -> String? {
        guard let url = http(url), !url.unicodeScalars.contains(where: { " \"'<>`".unicodeScalars.contains($0) }) else {
            return nil
        }
        return url
    }
}
