import AtriumModel
import Dispatch
import Foundation
import Harvest

/// The harvest step for any source: folders on this machine, and git remotes through the
/// harvest cache.
struct Harvesting: Sendable {
    struct Result: Sendable {
        var snapshot: RepositorySnapshot?
        var diagnostics: [Diagnostic]
        var outcome: GitHarvester.Outcome?
    }

    let folders: FolderHarvester
    let git: GitHarvester

    init(site: String, configuration: SiteConfiguration, offline: Bool) {
        let now = Self.now()
        let limits = configuration.limits
        let history = configuration.history
        var folders = FolderHarvester(maxFileBytes: limits.maxFileBytes, now: now)
        folders.historyDays = history.days
        folders.botPatterns = history.bots
        self.folders = folders
        var settings = GitHarvester.Settings(cacheDirectory: Self.cacheDirectory(site: site), maxFileBytes: limits.maxFileBytes,
                                             now: now)
        settings.offline = offline
        settings.historyDays = history.days
        settings.botPatterns = history.bots
        git = GitHarvester(settings: settings)
    }

    /// The harvest cache of a site folder.
    static func cacheDirectory(site: String) -> String {
        site + "/.atrium/cache"
    }

    /// Repositories in flight at once: `jobs` for local folders; git remotes mostly wait on the
    /// network, so more of them are fetched at once (CPU work still runs on `jobs` cores).
    static func concurrency(for sources: [RepositorySource], jobs: Int) -> Int {
        let remote = sources.contains { if case .remote = $0.location { true } else { false } }
        return remote ? min(max(jobs * 4, 8), 32) : jobs
    }

    /// The time of this harvest: `SOURCE_DATE_EPOCH` when set, for reproducible builds.
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? Int(Date().timeIntervalSince1970)
    }

    func snapshot(of source: RepositorySource) async -> Result {
        switch source.location {
        case .folder(let folder):
            let harvest = folders.harvest(source, folder: folder)
            return Result(snapshot: harvest.snapshot, diagnostics: harvest.diagnostics, outcome: nil)
        case .remote(let url):
            // git runs as child processes that mostly wait on the network: off the cooperative
            // pool, so that more repositories are fetched at once than there are cores.
            let git = self.git
            let harvest = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: git.harvest(source, url: url)) }
            }
            return Result(snapshot: harvest.snapshot, diagnostics: harvest.diagnostics, outcome: harvest.outcome)
        }
    }
}
