import Foundation

/// YAML front matter: a first line `---`, the YAML, and a closing `---` or `...` line.
public enum FrontMatter {
    /// The front matter (without its fences) and the rest. The rest keeps blank lines where
    /// the front matter was, so line numbers still match the file.
    public static func split(_ text: String) -> (frontMatter: String?, body: String) {
        guard text.utf8.starts(with: "---".utf8) else { return (nil, text) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: {
                  let line = $0.trimmingCharacters(in: .whitespaces)
                  return line == "---" || line == "..."
              }) else { return (nil, text) }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = Array(repeating: "", count: end + 1) + lines[(end + 1)...].map(String.init)
        return (yaml, body.joined(separator: "\n"))
    }
}
