/// What the catalogue read from one repository: its documentation files, decoded to text.
public struct RepositorySnapshot: Sendable {
    public var source: RepositorySource
    /// The commit the files were read at, when the repository is a git checkout or remote.
    public var commit: String?
    /// Files sorted by path; paths are relative to the repository root, `/`-separated.
    public var files: [RepositoryFile]
    /// When the files were read from the remote (seconds since 1970), for git remotes.
    public var fetchedAt: Int?
    /// What the history says about the repository's life, for git remotes.
    public var activity: Activity?
    /// Set when the remote could not be read this time and this is the last good snapshot:
    /// the time it was taken.
    public var staleSince: Int?
    /// The newest modification time of the files read, for folders (seconds since 1970).
    public var modifiedAt: Int?
    /// What the history window says (authors, bots, review latency, CODEOWNERS hygiene), for
    /// git remotes and folders that are git checkouts; nil otherwise.
    public var history: RepositoryHistory?

    public init(source: RepositorySource, commit: String? = nil, files: [RepositoryFile], fetchedAt: Int? = nil,
                activity: Activity? = nil, staleSince: Int? = nil, history: RepositoryHistory? = nil) {
        self.source = source
        self.commit = commit
        self.files = files.sorted { $0.path < $1.path }
        self.fetchedAt = fetchedAt
        self.activity = activity
        self.staleSince = staleSince
        self.history = history
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
        // GitHub reads CODEOWNERS from .github/ first, then the root, then docs/; other files
        // are looked for in the root first.
        let order = kind == .codeowners ? [".github": 0, "": 1, "docs": 2, ".gitlab": 3] : ["": 0, ".github": 1, "docs": 2, ".gitlab": 3]
        let place = order[folder] ?? 4
        return (place, isMarkdown ? 0 : 1, path)
    }
}

/// A repository's recent life, read from its history without checking anything out.
public struct Activity: Sendable, Hashable, Codable {
    /// The newest commit's time (seconds since 1970), among commits not made by bots.
    public var lastCommit: Int
    /// Commits and distinct authors (bots left out) in the 90 days before the harvest (counted
    /// in the history that was fetched, which is capped: see `isCapped`).
    public var recentCommits: Int
    public var recentAuthors: Int
    /// True when the fetched history ended inside the 90 days (a history window shorter than
    /// 90 days, or more commits than are read): there may be more.
    public var isCapped: Bool

    public static let window = 90 * 24 * 3600

    public init(lastCommit: Int, recentCommits: Int, recentAuthors: Int, isCapped: Bool) {
        self.lastCommit = lastCommit
        self.recentCommits = recentCommits
        self.recentAuthors = recentAuthors
        self.isCapped = isCapped
    }
}
