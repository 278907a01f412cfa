/// URLs from metadata and extracted facts become `href`s: only web addresses may.
enum SafeURL {
    /// The URL when it is `http:` or `https:`, else nil.
    static func http(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" }) else { return nil }
        return trimmed
    }
}
