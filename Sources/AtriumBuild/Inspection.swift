public import AtriumModel
import Foundation
import Harvest

/// One repository folder read on its own, as `explain` and `check` do.
public enum Inspection {
    public struct Result: Sendable {
        public var project: Project?
        public var diagnostics: [Diagnostic]
    }

    public static func inspect(folder: String, maxFileBytes: Int = 1 << 20) -> Result {
        let path = URL(fileURLWithPath: folder).standardizedFileURL.path
        let name = (path as NSString).lastPathComponent
        let source = RepositorySource(name: name, location: .folder(path))
        let harvest = FolderHarvester(maxFileBytes: maxFileBytes).harvest(source, folder: path)
        guard let snapshot = harvest.snapshot else { return Result(project: nil, diagnostics: harvest.diagnostics) }
        let analysis = RepositoryAnalysis(snapshot: snapshot, slug: Slug.make(from: name),
                                          harvestDiagnostics: harvest.diagnostics)
        return Result(project: analysis.project, diagnostics: analysis.diagnostics.sorted())
    }
}
