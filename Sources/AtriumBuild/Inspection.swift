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
        do {
            let analysis = try RepositoryAnalysis(source, slug: Slug.make(from: name),
                                                  harvester: FolderHarvester(maxFileBytes: maxFileBytes))
            return Result(project: analysis.project, diagnostics: analysis.diagnostics.sorted())
        } catch {
            return Result(project: nil, diagnostics: error.diagnostics)
        }
    }
}
