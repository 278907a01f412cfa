public import AtriumModel
import Foundation
import Harvest

/// One repository folder read on its own, as `explain` and `check` do.
public enum Inspection {
    public struct Result: Sendable {
        public var project: Project?
        public var diagnostics: [Diagnostic]
        /// Links back to the repository's files, from the web template given.
        public var links: WebLinks
        /// The files read, with their kinds.
        public var files: [RepositoryFile] = []
    }

    /// - Parameters:
    ///   - webTemplate: a `web:` link template as in repositories.yml, for links back.
    ///   - history: what `history:` in site.yml would say (days read, active days, bots).
    public static func inspect(folder: String, maxFileBytes: Int = 1 << 20, webTemplate: String? = nil,
                               history: SiteConfiguration.History = .init()) -> Result {
        let path = URL(fileURLWithPath: folder).standardizedFileURL.path
        let name = (path as NSString).lastPathComponent
        let source = RepositorySource(name: name, location: .folder(path), webTemplate: webTemplate)
        var harvester = FolderHarvester(maxFileBytes: maxFileBytes)
        harvester.historyDays = history.days
        harvester.botPatterns = history.bots
        let harvest = harvester.harvest(source, folder: path)
        guard let snapshot = harvest.snapshot else {
            return Result(project: nil, diagnostics: harvest.diagnostics, links: WebLinks(repository: name, ref: "HEAD",
                                                                                          webTemplate: webTemplate, rawTemplate: nil))
        }
        let analysis = RepositoryAnalysis(snapshot: snapshot, slug: Slug.make(from: name),
                                          harvestDiagnostics: harvest.diagnostics, activeDays: history.activeDays)
        return Result(project: analysis.project, diagnostics: analysis.diagnostics.sorted(),
                      links: WebLinks(snapshot: snapshot), files: snapshot.files)
    }
}
