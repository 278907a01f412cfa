/// Credentials in repository URLs (`https://user:token@host/…`) never reach a message, a log
/// or a page.
public enum Redaction {
    /// The URL with any user information replaced by `***`.
    public static func url(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(rest[at...])
    }

    /// `text` with every URL in it redacted, for git's own messages.
    public static func text(_ text: String) -> String {
        var output = ""
        var word = ""
        for character in text {
            if character.isWhitespace || character == "'" || character == "\"" {
                output += url(word)
                output.append(character)
                word = ""
            } else {
                word.append(character)
            }
        }
        return output + url(word)
    }
}
