import AtriumModel
import Foundation

extension CatalogueBuild {
    /// What `atrium serve` watches to know when to build again: the site's content and its
    /// templates in full, the theme, and for every repository that is a local folder, the
    /// places the harvester reads (its top level and the documentation folders).
    public static func watchedFolders(_ request: BuildRequest) throws(BuildError) -> [(path: String, recursive: Bool)] {
        let site = URL(fileURLWithPath: request.siteDirectory).standardizedFileURL.path
        let content = site + "/content"
        var folders: [(path: String, recursive: Bool)] = [(content, true), (site + "/Templates", true),
                                                          (request.themeDirectory, true)]
        let sources: [RepositorySource]
        do {
            sources = try SiteInputs.repositorySources(content: content, scanDirectories: request.scanDirectories,
                                                       manifests: request.manifests).0
        } catch {
            throw BuildError(step: .loadSite, error)
        }
        for directory in request.scanDirectories { folders.append((directory, false)) }
        for source in sources {
            guard case .folder(let path) = source.location else { continue }
            folders.append((path, false))
            for folder in DocumentKind.folders { folders.append((path + "/" + folder, false)) }
        }
        return folders
    }
}
