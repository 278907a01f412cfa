import AtriumModel
import Extract
import Foundation
import SafeFiles
import Yams

/// Reads the site's configuration: `content/site.yml` and the repository list
/// (`content/repositories.yml`, a `--manifest` file, or the folders under `--scan`).
enum SiteLoader {
    struct ConfigurationError: LocatedError, CustomStringConvertible {
        var file: String
        var line: Int?
        var message: String
        var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
        var sourceFile: String { file }
        var sourceLine: Int? { line }
    }

    static func loadSite(contentDirectory: String) throws -> SiteConfiguration {
        let path = contentDirectory + "/site.yml"
        guard let text = try readText(path) else { return SiteConfiguration() }
        return try site(fromYAML: text, path: path)
    }

    /// The configuration that `site.yml`'s text gives; `path` names it in errors.
    static func site(fromYAML text: String, path: String) throws -> SiteConfiguration {
        guard let root = try parseYAML(text, path: path) else { return SiteConfiguration() }
        var site = SiteConfiguration()
        if let title = root["title"]?.string { site.title = title }
        site.description = root["description"]?.string
        if var base = root["baseURL"]?.string {
            if !base.hasSuffix("/") { base += "/" }
            site.baseURL = base
        }
        if let rawHTML = root["markdown"]?["rawHTML"] {
            guard let value = rawHTML.string, ["sanitize", "omit"].contains(value) else {
                throw ConfigurationError(file: path, line: rawHTML.mark?.line,
                                         message: "markdown.rawHTML must be `sanitize` or `omit`")
            }
            site.sanitizesRawHTML = value == "sanitize"
        }
        if let limit = root["limits"]?["maxFileBytes"] {
            guard let bytes = limit.int, bytes > 0 else {
                throw ConfigurationError(file: path, line: limit.mark?.line,
                                         message: "limits.maxFileBytes must be a positive whole number")
            }
            site.limits.maxFileBytes = bytes
        }
        if let history = root["history"], history.null == nil {
            site.history = try historySettings(history, path: path)
        }
        return site
    }

    /// `history: {days, activeDays, bots}`, every key optional.
    private static func historySettings(_ node: Node, path: String) throws -> SiteConfiguration.History {
        guard case .mapping = node else {
            throw ConfigurationError(file: path, line: node.mark?.line,
                                     message: "history must be a mapping with `days`, `activeDays` and `bots`")
        }
        var settings = SiteConfiguration.History()
        // Ten years bounds the fetch; a day is the least a window can mean.
        func days(_ key: String) throws -> Int? {
            guard let value = node[key] else { return nil }
            guard let days = value.int, (1...3650).contains(days) else {
                throw ConfigurationError(file: path, line: value.mark?.line,
                                         message: "history.\(key) must be a whole number of days from 1 to 3650")
            }
            return days
        }
        if let value = try days("days") { settings.days = value }
        if let value = try days("activeDays") { settings.activeDays = value }
        if let bots = node["bots"] {
            let names: [String]? = if case .sequence(let items) = bots { items.compactMap(\.string) } else { nil }
            guard let names, names.count == bots.sequence?.count,
                  names.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw ConfigurationError(file: path, line: bots.mark?.line,
                                         message: "history.bots must be a list of names or emails (non-empty text)")
            }
            settings.bots = names
        }
        let known: Set<String> = ["days", "activeDays", "bots"]
        if case .mapping(let mapping) = node, let unknown = mapping.keys.first(where: { !known.contains($0.string ?? "") }) {
            throw ConfigurationError(file: path, line: unknown.mark?.line,
                                     message: "history has no `\(unknown.string ?? "")` setting; use `days`, `activeDays` or `bots`")
        }
        return settings
    }

    /// The repositories of a `repositories.yml`-format file: a list of entries, or a mapping
    /// with `defaults:` and `repositories:`. Paths are relative to the file's folder.
    static func loadRepositories(_ path: String) throws -> [RepositorySource] {
        guard let text = try readText(path) else {
            throw ConfigurationError(file: path, line: nil,
                                     message: "no such file: list the repositories there, or pass --scan DIR or --manifest FILE")
        }
        return try repositories(fromYAML: text, path: path)
    }

    /// The repositories a list's text names; relative paths are taken from `path`'s folder.
    static func repositories(fromYAML text: String, path: String) throws -> [RepositorySource] {
        guard let root = try parseYAML(text, path: path) else {
            throw ConfigurationError(file: path, line: nil, message: "the file is empty: list the repositories there")
        }
        let base = (path as NSString).deletingLastPathComponent
        var defaults = Entry()
        let list: Node
        switch root {
        case .sequence:
            list = root
        case .mapping:
            // `defaults:` with every line commented out is empty, not an error.
            if let node = root["defaults"], node.null == nil { defaults = try Entry(node, file: path) }
            guard let repositories = root["repositories"] else {
                throw ConfigurationError(file: path, line: root.mark?.line,
                                         message: "expected a `repositories:` list")
            }
            list = repositories
        default:
            throw ConfigurationError(file: path, line: root.mark?.line,
                                     message: "expected a list of repositories")
        }
        guard case .sequence(let items) = list else {
            throw ConfigurationError(file: path, line: list.mark?.line, message: "`repositories` must be a list")
        }
        return try items.map { node in
            let entry = try Entry(node, file: path)
            return try entry.merged(over: defaults).source(relativeTo: base, file: path, line: node.mark?.line)
        }
    }

    /// Every folder directly inside `directory` is a repository; dot-folders are not.
    static func scan(_ directory: String) throws -> [RepositorySource] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else {
            throw ConfigurationError(file: directory, line: nil, message: "cannot list the folder to scan")
        }
        return names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            var isFolder: ObjCBool = false
            let path = directory + "/" + name
            guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            return RepositorySource(name: name, location: .folder(path))
        }
    }

    /// The file's text; nil when there is none.
    private static func readText(_ path: String) throws -> String? {
        switch RegularFile.text(path, limit: RegularFile.siteFileLimit, followingLinks: true) {
        case .success(let text): return text
        case .failure(.missing): return nil
        case .failure(let refusal): throw ConfigurationError(file: path, line: nil, message: refusal.description)
        }
    }

    private static func parseYAML(_ text: String, path: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: path, line: error.mark?.line, message: "invalid YAML: \(error)")
        }
    }

    /// One entry of the repository list, every field optional until merged with the defaults.
    private struct Entry {
        var name: String?
        var path: String?
        var url: String?
        var web: String?
        var raw: String?
        var branch: String?
        var tags: [String] = []

        init() {}

        init(_ node: Node, file: String) throws {
            guard case .mapping = node else {
                throw ConfigurationError(file: file, line: node.mark?.line,
                                         message: "each repository is a mapping with `name` and `path` or `url`")
            }
            name = node["name"]?.string
            path = node["path"]?.string
            url = node["url"]?.string
            web = node["web"]?.string
            raw = node["raw"]?.string
            branch = node["branch"]?.string
            if let tags = node["tags"] {
                guard case .sequence(let items) = tags else {
                    throw ConfigurationError(file: file, line: tags.mark?.line, message: "`tags` must be a list")
                }
                self.tags = items.compactMap(\.string)
            }
        }

        func merged(over defaults: Entry) -> Entry {
            var merged = self
            merged.web = web ?? defaults.web
            merged.raw = raw ?? defaults.raw
            merged.branch = branch ?? defaults.branch
            merged.tags = defaults.tags + tags
            return merged
        }

        func source(relativeTo base: String, file: String, line: Int?) throws -> RepositorySource {
            let location: RepositorySource.Location
            if let path {
                location = .folder(path.hasPrefix("/") ? path : base + "/" + path)
            } else if let url, let remote = Self.remote(url) {
                location = .remote(remote)
            } else if let url {
                location = .folder(url.hasPrefix("/") ? url : base + "/" + url)
            } else {
                throw ConfigurationError(file: file, line: line, message: "a repository needs a `path` or a `url`")
            }
            let fallbackName: String = switch location {
            case .folder(let folder): (folder as NSString).lastPathComponent
            case .remote(let url): ((url as NSString).lastPathComponent as NSString).deletingPathExtension
            }
            guard let resolvedName = name ?? (fallbackName.isEmpty ? nil : fallbackName) else {
                throw ConfigurationError(file: file, line: line, message: "a repository needs a `name`")
            }
            return RepositorySource(name: resolvedName, location: location, webTemplate: web,
                                    rawTemplate: raw, branch: branch, tags: tags)
        }

        /// A URL with a scheme (`https:`, `ssh:`, `git:`, `file:`) or scp-like `host:path` is a
        /// remote; anything else is a path on this machine.
        static func remote(_ url: String) -> String? {
            if url.hasPrefix("/") || url.hasPrefix(".") { return nil }
            if url.contains("://") { return url }
            if let colon = url.firstIndex(of: ":"), url[..<colon].contains("@") { return url }
            return nil
        }
    }
}
