public import AtriumModel
import Foundation

/// `atrium harvest`: brings the harvest cache up to date with every git remote, in parallel;
/// builds nothing.
public enum CatalogueHarvest {
    public struct Report: Sendable {
        /// Repositories by how they were harvested: fetched, unchanged, stale, failed.
        public var outcomes: [String: Int]
        public var diagnostics: [Diagnostic]
    }

    public static func run(siteDirectory: String, manifests: [String], jobs: Int) async throws -> Report {
        let site = URL(fileURLWithPath: siteDirectory).standardizedFileURL.path
        let configuration: SiteConfiguration
        let sources: [RepositorySource]
        var diagnostics: [Diagnostic]
        do {
            configuration = try SiteLoader.loadSite(contentDirectory: site + "/content")
            let request = BuildRequest(siteDirectory: site, manifests: manifests, jobs: jobs, themeDirectory: "")
            (sources, diagnostics) = try CatalogueBuild.repositorySources(request, content: site + "/content")
        } catch let error as SiteLoader.ConfigurationError {
            throw BuildFailure(description: error.description)
        }
        let remotes = sources.filter { if case .remote = $0.location { true } else { false } }
        let harvesting = Harvesting(site: site, limits: configuration.limits, offline: false)
        let results = try await CatalogueBuild.processRepositories(remotes, jobs: jobs) { source in
            let harvest = await harvesting.snapshot(of: source)
            return CatalogueBuild.RepositoryResult(project: nil, diagnostics: harvest.diagnostics, outcome: harvest.outcome)
        }
        var outcomes: [String: Int] = [:]
        for outcome in results.compactMap(\.outcome) { outcomes[outcome.rawValue, default: 0] += 1 }
        diagnostics += results.flatMap(\.diagnostics)
        return Report(outcomes: outcomes, diagnostics: diagnostics.sorted())
    }
}
