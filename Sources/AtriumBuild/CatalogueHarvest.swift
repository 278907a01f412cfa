public import AtriumModel
import Digest
import Foundation
import Harvest

/// `atrium harvest`: the load-site step and the harvest part of the repositories step, for
/// every git remote, in parallel: brings the harvest cache up to date, builds nothing.
public enum CatalogueHarvest {
    public struct Report: Sendable, Codable {
        /// Repositories by how they were harvested: fetched, unchanged, stale, failed.
        public var outcomes: [String: Int]
        public var diagnostics: [Diagnostic]
        /// The remotes this harvest was for (its shard's, when sharded).
        public var repositories: [String]
        /// How many snapshots went into the bundle.
        public var bundled: Int?
    }

    /// One CI job's part of the harvest: `index` of `count` (1-based), chosen by a hash of each
    /// repository's name, so that a repository stays in its shard when others are added.
    public struct Shard: Sendable, CustomStringConvertible {
        public var index: Int
        public var count: Int

        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
                  (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }

        public var description: String { "\(index)/\(count)" }

        func contains(_ source: RepositorySource) -> Bool {
            let digest = ContentDigest.of(Array(source.name.utf8)).hex
            return Int(digest.prefix(12), radix: 16)! % count == index - 1
        }
    }

    /// - Parameters:
    ///   - shard: harvest only this part of the remotes.
    ///   - bundle: then write their snapshots to this file (`SnapshotBundle`).
    public static func run(siteDirectory: String, manifests: [String], jobs: Int, shard: Shard? = nil,
                           bundle: String? = nil) async throws(BuildError) -> Report {
        var runner = StepRunner([.loadSite, .repositories], progress: .silent)
        let site = URL(fileURLWithPath: siteDirectory).standardizedFileURL.path
        let (configuration, sources, diagnostics) = try await runner.run(.loadSite) {
            let configuration = try SiteLoader.loadSite(contentDirectory: site + "/content")
            let (sources, diagnostics) = try SiteInputs.repositorySources(content: site + "/content", scanDirectories: [],
                                                                          manifests: manifests)
            return (configuration, sources, diagnostics)
        }
        let (lock, problem) = await SiteLock.acquire(site: site, progress: .silent)
        defer { lock?.release() }
        let remotes = sources.filter {
            guard case .remote = $0.location else { return false }
            return shard?.contains($0) ?? true
        }
        let harvesting = Harvesting(site: site, configuration: configuration, offline: false)
        let results = try await runner.run(.repositories) {
            try await Parallel.map(remotes, jobs: jobs) { await harvesting.snapshot(of: $0) }
        }
        var outcomes: [String: Int] = [:]
        for outcome in results.compactMap(\.outcome) { outcomes[outcome.rawValue, default: 0] += 1 }
        let lockDiagnostics = problem.map { [Diagnostic.warning($0)] } ?? []
        var report = Report(outcomes: outcomes, diagnostics: (diagnostics + lockDiagnostics + results.flatMap(\.diagnostics)).sorted(),
                            repositories: remotes.map(\.name))
        if let bundle {
            do {
                report.bundled = try SnapshotBundle.write(remotes, cacheDirectory: Harvesting.cacheDirectory(site: site),
                                                          shard: shard?.description, version: AtriumVersion.current, to: bundle)
            } catch {
                throw BuildError(step: .commit, error)
            }
        }
        return report
    }
}
