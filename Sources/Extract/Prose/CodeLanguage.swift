import AtriumModel
import Markdown

/// The language a README's code examples are written in, when the metadata does not say: the
/// most common programming language among its fenced code blocks (shell, data and config
/// formats do not count).
enum CodeLanguage {
    static let names: [String: String] = [
        "swift": "Swift", "go": "Go", "golang": "Go", "python": "Python", "py": "Python", "java": "Java",
        "kotlin": "Kotlin", "kt": "Kotlin", "scala": "Scala", "javascript": "JavaScript", "js": "JavaScript",
        "typescript": "TypeScript", "ts": "TypeScript", "tsx": "TypeScript", "jsx": "JavaScript", "rust": "Rust",
        "rs": "Rust", "ruby": "Ruby", "rb": "Ruby", "csharp": "C#", "cs": "C#", "c#": "C#", "cpp": "C++", "c++": "C++",
        "c": "C", "php": "PHP", "elixir": "Elixir", "erlang": "Erlang", "haskell": "Haskell", "clojure": "Clojure",
        "dart": "Dart", "r": "R", "julia": "Julia", "lua": "Lua", "perl": "Perl", "groovy": "Groovy",
        "objective-c": "Objective-C", "objc": "Objective-C", "fsharp": "F#", "ocaml": "OCaml", "zig": "Zig",
        "hcl": "HCL", "terraform": "HCL", "sql": "SQL", "jsonnet": "Jsonnet",
    ]

    static func main(in document: MarkdownDocument, path: String) -> Fact<String>? {
        var counts: [String: (count: Int, line: Int)] = [:]
        for node in document.root.descendants where node.kind == .codeBlock {
            let info = (node.fenceInfo ?? "").split(separator: " ").first.map { $0.lowercased() } ?? ""
            guard let name = names[info] else { continue }
            let previous = counts[name]
            counts[name] = ((previous?.count ?? 0) + 1, previous?.line ?? node.startLine)
        }
        guard let best = counts.max(by: { ($0.value.count, -$0.value.line) < ($1.value.count, -$1.value.line) }) else {
            return nil
        }
        return Fact(best.key, source: SourceLocation(file: path, line: best.value.line))
    }
}
