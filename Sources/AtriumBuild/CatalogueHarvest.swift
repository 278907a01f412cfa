public import AtriumModel
import Foundation

/// `atrium harvest`: the load-site step and the harvest part of the repositories step, for
/// every git remote, in parallel: brings the harvest cache up to date, builds nothing.
public enum CatalogueHarvest {
    public struct Report: Sendable {
        /// Repositories by how they were harvested: fetched, unchanged, stale, failed.
        public var outcomes: [String: Int]
        public var diagnostics: [Diagnostic]
    }

    public static func run(siteDirectory: String, manifests: [String], jobs: Int) async throws(BuildError) -> Report {
        var runner = StepRunner([.loadSite, .repositories], progress: .silent)
        let site = URL(fileURLWithPath: siteDirectory).standardizedFileURL.path
        let (configuration, sources, diagnostics) = try await runner.run(.loadSite) {
            let configuration = try SiteLoader.loadSite(contentDirectory: site + "/content")
            let (sources, diagnostics) = try SiteInputs.repositorySources(content: site + "/content", scanDirectories: [],
                                                                          manifests: manifests)
            return (configuration, sources, diagnostics)
        }
        let remotes = sources.filter { if case .remote = $0.location { true } else { false } }
        let harvesting = Harvesting(site: site, limits: configuration.limits, offline: false)
        let results = try await runner.run(.repositories) {
            try await Parallel.map(remotes, jobs: jobs) { await harvesting.snapshot(of: $0) }
        }
        var outcomes: [String: Int] = [:]
        for outcome in results.compactMap(\.outcome) { outcomes[outcome.rawValue, default: 0] += 1 }
        return Report(outcomes: outcomes, diagnostics: (diagnostics + results.flatMap(\.diagnostics)).sorted())
    }
}
