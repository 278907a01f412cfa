public import AtriumModel
import Foundation

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
        /// Commits of history fetched for activity figures.
        public var historyDepth = 50
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
            if let previous, previous.ref == ref {
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

    /// Fetches the commit, its trees and the documentation blobs, and reads them.
    private func fetch(_ source: RepositorySource, ref: String, git: GitCommands,
                       previous: HarvestCache.Entry?) throws -> (HarvestCache.Entry, [Diagnostic]) {
        try git.prepareRepository()
        try git.fetchHistory(ref: ref, depth: settings.historyDepth)
        let (objects, head) = try git.localObjects()
        guard let commit = objects.commits[head] else { throw GitFailure(message: "the fetched commit \(head) is missing") }
        let tree = ([""] + DocumentKind.folders).flatMap { objects.entries(of: commit.tree, folder: $0) ?? [] }
        var diagnostics: [Diagnostic] = []
        var wanted: [(entry: GitCommands.TreeEntry, kind: DocumentKind)] = []
        var readmeRefused = false
        for item in tree {
            let parts = item.path.split(separator: "/")
            guard parts.count <= 2 else { continue }
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
        var missing = wanted.map(\.entry.oid).filter { known[$0] == nil }
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
        let history = objects.history(from: head)
        let activity = history.first.map { newest in
            let since = settings.now - Activity.window
            let recent = history.filter { $0.time >= since }
            return Activity(lastCommit: newest.time, recentCommits: recent.count,
                            recentAuthors: Set(recent.map(\.author)).count,
                            isCapped: history.count >= settings.historyDepth && (history.last?.time ?? 0) >= since)
        }
        if !readmeRefused && !files.contains(where: { $0.kind == DocumentKind.readme.rawValue }) {
            diagnostics.append(.missingReadme(repository: source.name))
        }
        let entry = HarvestCache.Entry(url: "", ref: ref, commit: history.first?.commit ?? "", fetchedAt: settings.now,
                                       activity: activity, files: files.sorted { $0.path < $1.path })
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
}
