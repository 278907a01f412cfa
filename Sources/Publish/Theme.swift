public import Digest
import Foundation
import SafeFiles
import Mustache

/// The templates and static assets pages are made from: the default theme, with any file of
/// the same name in the site's own templates folder taking its place.
public struct Theme: Sendable {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    let library: MustacheLibrary
    /// Asset files by their path under `assets/`, each from the folder that wins.
    let assets: [String: String]
    /// Of every template and asset, names and contents: a page made with the same digest and
    /// the same view is the same page.
    public let digest: ContentDigest

    /// - Parameters:
    ///   - directory: the default theme (`Templates/` with `*.mustache` and `assets/`).
    ///   - overrides: the site's templates folder, when it has one.
    public init(directory: String, overrides: String? = nil) throws {
        var templates: [String: String] = [:]
        var assets: [String: String] = [:]
        for folder in [directory] + (overrides.map { [$0] } ?? []) {
            Self.collect(in: folder, templates: &templates, assets: &assets)
        }
        guard templates["layout"] != nil else {
            throw LoadError(description: "\(directory) has no layout.mustache: not an Atrium theme")
        }
        var library = MustacheLibrary()
        var hasher = ContentHasher()
        for (name, path) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                let text = try RegularFile.text(path, limit: RegularFile.siteFileLimit, followingLinks: true)
                    .mapError { LoadError(description: "\(path): \($0)") }.get()
                hasher.combine(name)
                hasher.combine(text)
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw LoadError(description: "\(path):\(error.context.lineNumber): template error: \(error.error)")
            } catch {
                throw LoadError(description: "\(path): \(error)")
            }
        }
        for (name, path) in assets.sorted(by: { $0.key < $1.key }) {
            let bytes = try RegularFile.read(path, limit: RegularFile.siteFileLimit, followingLinks: true)
                .mapError { LoadError(description: "\(path): \($0)") }.get()
            hasher.combine(name)
            hasher.combine(bytes: bytes)
        }
        self.library = library
        self.assets = assets
        self.digest = hasher.finalize()
    }

    /// Renders the template `name` with a view model; nil when the theme has no such template.
    func render(_ name: String, _ view: Any) -> String? {
        library.render(view, withTemplate: name)
    }

    private static func collect(in folder: String, templates: inout [String: String],
                                assets: inout [String: String]) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".mustache") {
            templates[String(name.dropLast(".mustache".count))] = folder + "/" + name
        }
        let assetFolder = folder + "/assets"
        guard let walker = manager.enumerator(atPath: assetFolder) else { return }
        for case let path as String in walker {
            var isFolder: ObjCBool = false
            let full = assetFolder + "/" + path
            if manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue,
               !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                assets[path] = full
            }
        }
    }
}
