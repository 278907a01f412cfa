import Foundation

/// Links from the catalogue back to a repository's files on its git server, from the
/// repository's URL templates: `{name}`, `{ref}` and `{path}` are replaced, each
/// percent-encoded (`{path}` segment by segment).
public struct WebLinks: Sendable, Hashable {
    public var repository: String
    /// The commit, else the branch, else `HEAD`.
    public var ref: String
    public var webTemplate: String?
    public var rawTemplate: String?

    public init(repository: String, ref: String, webTemplate: String?, rawTemplate: String?) {
        self.repository = repository
        self.ref = ref
        self.webTemplate = webTemplate
        self.rawTemplate = rawTemplate
    }

    public init(snapshot: RepositorySnapshot) {
        let source = snapshot.source
        self.init(repository: source.name, ref: snapshot.commit ?? source.branch ?? "HEAD",
                  webTemplate: source.webTemplate, rawTemplate: source.rawTemplate)
    }

    /// The page that shows a file (and, with a line, that line), or nil without a template.
    public func page(for path: String, line: Int? = nil) -> String? {
        guard let webTemplate else { return nil }
        return expand(webTemplate, path: path) + (line.map { "#L\($0)" } ?? "")
    }

    /// The file's raw bytes, for images; the file's page when no raw template is set.
    public func raw(for path: String) -> String? {
        guard let template = rawTemplate ?? webTemplate else { return nil }
        return expand(template, path: path)
    }

    private func expand(_ template: String, path: String) -> String {
        let encodedPath = path.split(separator: "/", omittingEmptySubsequences: true)
            .map { Self.encode(String($0)) }
            .joined(separator: "/")
        return template
            .replacingOccurrences(of: "{name}", with: Self.encode(repository, keepingSlashes: true))
            .replacingOccurrences(of: "{ref}", with: Self.encode(ref, keepingSlashes: true))
            .replacingOccurrences(of: "{path}", with: encodedPath)
    }

    private static func encode(_ value: String, keepingSlashes: Bool = false) -> String {
        var allowed = CharacterSet.urlPathAllowed
        if !keepingSlashes { allowed.remove("/") }
        allowed.remove(charactersIn: "?#[]@!$&'()*+,;=")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
