public import AtriumModel
import Foundation
import History
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// Reads a repository's documentation files from a folder on this machine.
///
/// Only the files the catalogue uses are read (README, CONTRIBUTING, ownership and metadata
/// files, in the root and in `.github/`, `.gitlab/` and `docs/`). The folder is someone else's
/// content: a symbolic link that leads out of it is never followed, and files over the size
/// limit are refused before they are read.
///
/// When the folder is a git checkout (`<folder>/.git`), its history window is read too
/// (``RepositoryHistory``), with read-only git commands that change nothing in it.
public struct FolderHarvester: Sendable {
    public var maxFileBytes: Int
    /// The time of this harvest (seconds since 1970): `SOURCE_DATE_EPOCH` when set, else the clock.
    public var now: Int
    /// Days of history read (`--since`).
    public var historyDays = 365
    public var maxHistoryCommits = 20_000
    public var maxTreePaths = 200_000
    /// Bots besides `[bot]`, dependabot, renovate, github-actions (see `GitHarvester.Settings`).
    public var botPatterns: [String] = []
    public var gitExecutable = "/usr/bin/git"
    /// The most all git commands of one folder may take.
    public var deadline: Duration = .seconds(60)

    public init(maxFileBytes: Int, now: Int? = nil) {
        self.maxFileBytes = maxFileBytes
        self.now = now ?? ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init)
            ?? Int(Date().timeIntervalSince1970)
    }

    public struct Result: Sendable {
        public var snapshot: RepositorySnapshot?
        public var diagnostics: [Diagnostic]
    }

    public func harvest(_ source: RepositorySource, folder: String) -> Result {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ file: String?, _ message: String, line: Int? = nil) {
            diagnostics.append(Diagnostic(severity, repository: source.name, file: file, line: line, message))
        }
        guard let root = realPath(folder), isDirectory(root) else {
            report(.error, nil, "folder \(folder) does not exist or is not a folder")
            return Result(snapshot: nil, diagnostics: diagnostics)
        }
        var files: [RepositoryFile] = []
        var modifiedAt: Int?
        var readmeRefused = false
        for folderName in [""] + DocumentKind.folders {
            let directory = folderName.isEmpty ? root : root + "/" + folderName
            if !folderName.isEmpty {
                guard case .inside(let resolved) = locate(directory, root: root), isDirectory(resolved) else {
                    if case .outside = locate(directory, root: root) {
                        report(.error, folderName, "symbolic link points outside the repository; not followed")
                    }
                    continue
                }
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() {
                guard let kind = DocumentKind(fileName: name, folder: folderName) else { continue }
                let path = folderName.isEmpty ? name : folderName + "/" + name
                switch read(directory + "/" + name, root: root) {
                case .success(let bytes):
                    let decoded = TextDecoding.decode(bytes)
                    if let problem = decoded.problem { report(.warning, path, problem, line: decoded.line) }
                    files.append(RepositoryFile(path: path, kind: kind, text: decoded.text))
                    var status = stat()
                    if lstat(directory + "/" + name, &status) == 0 {
                        modifiedAt = max(modifiedAt ?? 0, Int(status.st_mtim.tv_sec))
                    }
                case .failure(let refusal):
                    if let message = refusal.message {
                        report(.error, path, message)
                        readmeRefused = readmeRefused || kind == .readme
                    }
                }
            }
        }
        var snapshot = RepositorySnapshot(source: source, commit: nil, files: files)
        snapshot.modifiedAt = modifiedAt
        let git = LocalGit(gitExecutable: gitExecutable, folder: root, deadline: deadline)
        if git.isCheckout {
            do {
                snapshot.history = try history(git, root: root, files: files)
            } catch let failure as GitFailure {
                report(.warning, nil, "git history not read: \(failure.message)")
            } catch {
                report(.warning, nil, "git history not read: \(error)")
            }
        }
        if snapshot.file(.readme) == nil && !readmeRefused {
            diagnostics.append(.missingReadme(repository: source.name))
        }
        return Result(snapshot: snapshot, diagnostics: diagnostics)
    }

    // MARK: - History

    /// The history window of a checkout; nil when it has no commit yet.
    private func history(_ git: LocalGit, root: String, files: [RepositoryFile]) throws -> RepositoryHistory? {
        let settings = HistoryAnalysis.Settings(windowDays: historyDays, now: now, bots: BotFilter(extraPatterns: botPatterns))
        let reader = git.reader
        let commits: [HistoryCommit], capped: Bool
        do {
            (commits, capped) = try reader.commits(head: "HEAD", since: settings.windowStart, limit: maxHistoryCommits)
        } catch let failure as GitFailure where failure.message.contains("unknown revision") || failure.message.contains("bad revision") {
            return nil  // no commit yet
        }
        guard !commits.isEmpty else { return nil }
        let (tree, pathsCapped) = try reader.tree(head: "HEAD", limit: maxTreePaths)
        // The .mailmap of the checkout as it is, like the documents.
        var mailmap: String?
        // Read as the documents are (a link out of the folder is refused before anything is
        // opened); the parser keeps only its first `Mailmap.byteLimit` bytes.
        if case .success(let bytes) = read(root + "/.mailmap", root: root) {
            mailmap = TextDecoding.decode(bytes).text
        }
        let codeowners = HistoryAnalysis.Input.gitHubCodeOwners(files.filter { $0.kind == .codeowners }
            .map { RepositoryFileText(path: $0.path, text: $0.text) })
        let input = HistoryAnalysis.Input(commits: commits, commitsCapped: capped, mailmap: mailmap, codeowners: codeowners,
                                          paths: tree.map(\.path), pathsCapped: pathsCapped)
        return HistoryAnalysis.analyse(input, settings: settings)
    }

    // MARK: - Reading files safely

    enum Refusal: Error {
        case outsideRepository
        case file(RegularFile.Refusal)

        /// What to tell the user; nil when the file is simply not there (a dangling link).
        var message: String? {
            switch self {
            case .outsideRepository: "symbolic link points outside the repository; not followed"
            case .file(.missing): nil
            case .file(let refusal): refusal.description
            }
        }
    }

    enum Location {
        case inside(String)
        case outside
        case missing
    }

    /// Where `path` really is, following symbolic links, and whether that is inside `root`.
    func locate(_ path: String, root: String) -> Location {
        guard let resolved = realPath(path) else { return .missing }
        return resolved == root || resolved.hasPrefix(root + "/") ? .inside(resolved) : .outside
    }

    func read(_ path: String, root: String) -> Swift.Result<[UInt8], Refusal> {
        switch locate(path, root: root) {
        case .outside: return .failure(.outsideRepository)
        case .missing: return .failure(.file(.missing))
        // The resolved path must not have become a link since it was resolved (O_NOFOLLOW),
        // and only a regular file is read: a FIFO, device or folder is refused, never opened
        // for blocking reads.
        case .inside(let resolved): return RegularFile.read(resolved, limit: maxFileBytes).mapError { .file($0) }
        }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
