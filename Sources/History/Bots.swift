/// Which commit authors are bots: a name ending in `[bot]` (GitHub Apps), an email whose
/// local part ends in `[bot]`, or a name or email containing one of ``patterns``
/// (case-insensitive substrings: `dependabot`, `renovate`, `github-actions` and any configured).
public struct BotFilter: Sendable, Hashable {
    public static let defaultPatterns = ["dependabot", "renovate", "github-actions"]

    /// Lowercased.
    public var patterns: [String]

    public init(extraPatterns: [String] = []) {
        patterns = (Self.defaultPatterns + extraPatterns.map { $0.lowercased() }.filter { !$0.isEmpty }).sorted()
    }

    public func isBot(name: String, email: String) -> Bool {
        let name = name.lowercased()
        let email = email.lowercased()
        if name.hasSuffix("[bot]") { return true }
        if let at = email.lastIndex(of: "@"), email[..<at].hasSuffix("[bot]") { return true }
        return patterns.contains { name.contains($0) || email.contains($0) }
    }
}
