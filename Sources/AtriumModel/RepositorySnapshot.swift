/// What the catalogue read from one repository: its documentation files, decoded to text.
public struct RepositorySnapshot: Sendable {
    public var source: RepositorySource
    /// The commit the files were read at, when the repository is a git checkout or remote.
    public var commit: String?
    /// Files sorted by path; paths are relative to the repository root, `/`-separated.
    public var files: [RepositoryFile]

    public init(source: RepositorySource, commit: String? = nil, files: [RepositoryFile]) {
        self.source = source
        self.commit = commit
        self.files = files.sorted { $0.path < $1.path }
    }

    public var name: String { source.name }

    /// The first file of a kind, in the order GitHub looks for it (root, `.github/`, `docs/`).
    public func file(_ kind: DocumentKind) -> RepositoryFile? {
        files.filter { $0.kind == kind }.min { $0.precedence < $1.precedence }
    }
}

public struct RepositoryFile: Sendable, Hashable {
    public var path: String
    public var kind: DocumentKind
    public var text: String

    public init(path: String, kind: DocumentKind, text: String) {
        self.path = path
        self.kind = kind
        self.text = text
    }

    public var isMarkdown: Bool { DocumentKind.isMarkdown(path: path) }

    /// Lower is preferred: root before `.github/` before `docs/`, Markdown before other formats.
    var precedence: (Int, Int, String) {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        let place = ["": 0, ".github": 1, "docs": 2, ".gitlab": 3][folder] ?? 4
        return (place, isMarkdown ? 0 : 1, path)
    }
}
