public import AtriumModel
import Foundation
import History

/// Reads a repository's documentation files from a git remote, fetching as little as it can:
/// `ls-remote` alone when the commit is unchanged since the last harvest; otherwise a shallow,
/// blob-less fetch (commits and trees) and one batched fetch of just the documentation blobs.
/// Every snapshot is kept in the harvest cache; when a remote fails, the last good snapshot is
/// used, marked stale.
public struct GitHarvester: Sendable {
    public struct Settings: Sendable {
        /// `.atrium/cache` in the site folder.
        public var cacheDirectory: String
        public var maxFileBytes: Int
        /// The most one repository may take, all git commands together.
        public var deadline: Duration = .seconds(120)
        /// Days of history fetched (`--shallow-since`) for the history facts and activity figures.
        public var historyDays = 365
        /// Commits of the window read at most (the newest); the figures say when capped.
        public var maxHistoryCommits = 20_000
        /// Paths of the head commit's tree listed at most (for CODEOWNERS hygiene).
        public var maxTreePaths = 200_000
        /// Names or emails containing one of these (case-insensitive) are bots, besides those
        /// ending in `[bot]` and dependabot, renovate, github-actions.
        public var botPatterns: [String] = []
        public var gitExecutable = "/usr/bin/git"
        /// Do not contact remotes; use the cache.
        public var offline = false
        /// The time of this harvest (seconds since 1970); `SOURCE_DATE_EPOCH` makes it fixed.
        public var now: Int

        public init(cacheDirectory: String, maxFileBytes: Int, now: Int) {
            self.cacheDirectory = cacheDirectory
            self.maxFileBytes = maxFileBytes
            self.now = now
        }
    }

    public struct Result: Sendable {
        public var snapshot: RepositorySnapshot?
        public var diagnostics: [Diagnostic]
        /// What it cost: `unchanged` took one ls-remote, `fetched` fetched.
        public var outcome: Outcome
    }

    public enum Outcome: String, Sendable {
        case unchanged, fetched, stale, failed, cached
    }

    public let settings: Settings
    let cache: HarvestCache

    public init(settings: Settings) {
        self.settings = settings
        self.cache = HarvestCache(directory: settings.cacheDirectory)
    }

    public func harvest(_ source: RepositorySource, url: String) -> Result {
        let ref = source.branch.map { "refs/heads/\($0)" } ?? "HEAD"
        let previous = cache.load(for: source, url: url)
        if settings.offline {
            guard let previous else {
                return failure(source, url, "not harvested yet; run `atrium harvest` (or build without --offline)", previous: nil)
            }
            return Result(snapshot: previous.snapshot(source: source), diagnostics: [], outcome: .cached)
        }
        let git = GitCommands(settings: settings, url: url, directory: cache.repositoryDirectory(for: source, url: url),
                              deadline: ContinuousClock.now.advanced(by: settings.deadline))
        do {
            // An entry without history (an older Atrium's), or of another window or bot list, is
            // fetched again.
            if let previous, previous.ref == ref, previous.history?.windowDays == settings.historyDays,
               previous.botPatterns ?? [] == settings.botPatterns {
                let commit = try git.remoteCommit(ref: ref)
                if commit == previous.commit {
                    return Result(snapshot: previous.snapshot(source: source), diagnostics: [], outcome: .unchanged)
                }
            }
            var (entry, diagnostics) = try fetch(source, ref: ref, git: git, previous: previous)
            entry.url = Redaction.url(url)
            cache.store(entry, for: source, url: url)
            return Result(snapshot: entry.snapshot(source: source), diagnostics: diagnostics, outcome: .fetched)
        } catch let error as GitFailure {
            return failure(source, url, error.message, previous: previous)
        } catch {
            return failure(source, url, "\(error)", previous: previous)
        }
    }

    /// Fetches the history window (commits and trees) and the documentation blobs, and reads them.
    private func fetch(_ source: RepositorySource, ref: String, git: GitCommands,
                       previous: HarvestCache.Entry?) throws -> (HarvestCache.Entry, [Diagnostic]) {
        try git.prepareRepository()
        let analysis = HistoryAnalysis.Settings(windowDays: settings.historyDays, now: settings.now,
                                                bots: BotFilter(extraPatterns: settings.botPatterns))
        try git.fetchHistory(ref: ref, since: analysis.windowStart)
        let head = try git.head()
        let reader = git.history
        let (commits, commitsCapped) = try reader.commits(head: head, since: nil, limit: settings.maxHistoryCommits)
        guard commits.contains(where: { $0.id == head }) else { throw GitFailure(message: "the fetched commit \(head) is missing") }
        let (tree, pathsCapped) = try reader.tree(head: head, limit: settings.maxTreePaths)
        var diagnostics: [Diagnostic] = []
        var wanted: [(entry: GitCommands.TreeEntry, kind: DocumentKind)] = []
        var mailmap: GitCommands.TreeEntry?
        var readmeRefused = false
        for item in tree {
            let parts = item.path.split(separator: "/")
            guard parts.count <= 2 else { continue }
            if item.path == ".mailmap" && item.mode.hasPrefix("100") { mailmap = item }
            let folder = parts.count == 2 ? String(parts[0]) : ""
            guard folder.isEmpty || DocumentKind.folders.contains(folder),
                  let kind = DocumentKind(fileName: String(parts.last!), folder: folder) else { continue }
            if item.mode == "120000" {
                diagnostics.append(.error(repository: source.name, file: item.path, "symbolic link in the repository; not followed"))
                readmeRefused = readmeRefused || kind == .readme
            } else if item.mode.hasPrefix("100") {
                wanted.append((item, kind))
            }
        }
        // Blobs the last harvest read are not fetched again.
        let known = Dictionary((previous?.files ?? []).map { ($0.oid, $0.text) }, uniquingKeysWith: { first, _ in first })
        var missing = (wanted.map(\.entry) + (mailmap.map { [$0] } ?? [])).map(\.oid).filter { known[$0] == nil }
        missing = Array(Set(missing)).sorted()
        let stopped = try fetchWithinLimit(missing, git: git)
        missing.removeAll { stopped[$0] != nil }
        var contents = missing.isEmpty ? [:] : try git.readBlobs(missing)
        for (item, kind) in wanted {
            let message: String
            if let received = stopped[item.oid] {
                message = "file is over the \(settings.maxFileBytes)-byte limit (its download was stopped after "
                    + "\(received) bytes); not read"
            } else if let size = contents[item.oid]?.count, size > settings.maxFileBytes {
                // Compressed well enough to arrive within the budget: dropped before it is decoded or kept.
                message = "file is \(size) bytes, over the \(settings.maxFileBytes)-byte limit; not read"
            } else {
                continue
            }
            diagnostics.append(.error(repository: source.name, file: item.path, message))
            readmeRefused = readmeRefused || kind == .readme
        }
        contents = contents.filter { $0.value.count <= settings.maxFileBytes }
        var files: [HarvestCache.File] = []
        for (item, kind) in wanted {
            if let text = known[item.oid] {
                files.append(.init(path: item.path, kind: kind.rawValue, oid: item.oid, text: text))
                continue
            }
            guard let bytes = contents[item.oid] else { continue }
            let decoded = TextDecoding.decode(bytes)
            if let problem = decoded.problem {
                diagnostics.append(.warning(repository: source.name, file: item.path, line: decoded.line, problem))
            }
            files.append(.init(path: item.path, kind: kind.rawValue, oid: item.oid, text: decoded.text))
        }
        // The .mailmap is kept in the cache (not a document: snapshots leave it out), so that an
        // unchanged one is not fetched again.
        var mailmapText: String?
        if let mailmap {
            if let text = known[mailmap.oid] {
                mailmapText = text
            } else if let bytes = contents[mailmap.oid] {
                mailmapText = TextDecoding.decode(bytes).text
            }
            if let mailmapText {
                files.append(.init(path: mailmap.path, kind: HarvestCache.File.mailmapKind, oid: mailmap.oid, text: mailmapText))
            }
        }
        let codeowners = HistoryAnalysis.Input.gitHubCodeOwners(files.filter { $0.kind == DocumentKind.codeowners.rawValue }
            .map { RepositoryFileText(path: $0.path, text: $0.text) })
        let input = HistoryAnalysis.Input(commits: commits, commitsCapped: commitsCapped, mailmap: mailmapText,
                                          codeowners: codeowners, paths: tree.map(\.path), pathsCapped: pathsCapped)
        let history = HistoryAnalysis.analyse(input, settings: analysis)
        let activity = HistoryAnalysis.activity(input, settings: analysis)
        if !readmeRefused && !files.contains(where: { $0.kind == DocumentKind.readme.rawValue }) {
            diagnostics.append(.missingReadme(repository: source.name))
        }
        var entry = HarvestCache.Entry(url: "", ref: ref, commit: head, fetchedAt: settings.now,
                                       activity: activity, history: history, files: files.sorted { $0.path < $1.path })
        entry.botPatterns = settings.botPatterns
        return (entry, diagnostics)
    }

    /// Fetches `oids` so that no more than about the size limit crosses the wire for any one
    /// of them: all in one fetch while the pack stays within the limit; if it grows past it,
    /// one at a time, so that only the oversized ones are stopped.
    /// - Returns: the blobs whose download was stopped, with the bytes received.
    private func fetchWithinLimit(_ oids: [String], git: GitCommands) throws -> [String: Int] {
        guard !oids.isEmpty else { return [:] }
        // The pack's own header, object headers and the trailing checksum.
        let budget = settings.maxFileBytes + 4096 + 64 * oids.count
        guard case .overBudget(let received) = try git.fetchBlobs(oids, budget: budget) else { return [:] }
        if oids.count == 1 { return [oids[0]: received] }
        var stopped: [String: Int] = [:]
        for oid in oids {
            if case .overBudget(let bytes) = try git.fetchBlobs([oid], budget: settings.maxFileBytes + 4096) {
                stopped[oid] = bytes
            }
        }
        return stopped
    }

    private func failure(_ source: RepositorySource, _ url: String, _ message: String,
                         previous: HarvestCache.Entry?) -> Result {
        let location = Redaction.url(url)
        guard let previous else {
            return Result(snapshot: nil, diagnostics: [.error(repository: source.name, "\(location): \(message)")],
                          outcome: .failed)
        }
        var snapshot = previous.snapshot(source: source)
        snapshot.staleSince = previous.fetchedAt
        let date = Date(timeIntervalSince1970: TimeInterval(previous.fetchedAt)).formatted(.iso8601.year().month().day())
        return Result(snapshot: snapshot, diagnostics: [
            .error(repository: source.name, "\(location): \(message); showing the last good snapshot, from \(date)"),
        ], outcome: .stale)
    }
}

/// A git command failed; `message` says why in a user's words, with no credentials.
struct GitFailure: Error {
    var message: String
    /// The deadline passed (then nothing else is tried).
    var isTimeout = false
}
