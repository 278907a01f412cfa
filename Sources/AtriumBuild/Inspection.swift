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

    /// - Parameter webTemplate: a `web:` link template as in repositories.yml, for links back.
    public static func inspect(folder: String, maxFileBytes: Int = 1 << 20, webTemplate: String? = nil) -> Result {
        let path = URL(fileURLWithPath: folder).standardizedFileURL.path
        let name = (path as NSString).lastPathComponent
        let source = RepositorySource(name: name, location: .folder(path), webTemplate: webTemplate)
        let harvest = FolderHarvester(maxFileBytes: maxFileBytes).harvest(source, folder: path)
        guard let snapshot = harvest.snapshot else {
            return Result(project: nil, diagnostics: harvest.diagnostics, links: WebLinks(repository: name, ref: "HEAD",
                                                                                          webTemplate: webTemplate, rawTemplate: nil))
        }
        let analysis = RepositoryAnalysis(snapshot: snapshot, slug: Slug.make(from: name),
                                          harvestDiagnostics: harvest.diagnostics)
        return Result(project: analysis.project, diagnostics: analysis.diagnostics.sorted(),
                      links: WebLinks(snapshot: snapshot), files: snapshot.files)
    }
}
