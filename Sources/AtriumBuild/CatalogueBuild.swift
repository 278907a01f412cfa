public import AtriumModel
import Extract
import Foundation
import Harvest
import Index
import Markdown
import Publish
import Render

/// What `atrium build` was asked to do.
public struct BuildRequest: Sendable {
    /// The site folder: `content/`, optional `Templates/`, default output `public/`.
    public var siteDirectory: String
    public var outputDirectory: String?
    /// Folders whose sub-folders are repositories; with a manifest, replaces `repositories.yml`.
    public var scanDirectories: [String]
    public var manifests: [String]
    /// Any repository diagnostic fails the build and leaves the output untouched.
    public var strict: Bool
    public var jobs: Int
    /// The default theme (templates and assets).
    public var themeDirectory: String
    /// Build from the harvest cache, without contacting git remotes.
    public var offline = false

    public init(siteDirectory: String, outputDirectory: String? = nil, scanDirectories: [String] = [],
                manifests: [String] = [], strict: Bool = false, jobs: Int, themeDirectory: String) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.scanDirectories = scanDirectories
        self.manifests = manifests
        self.strict = strict
        self.jobs = max(1, jobs)
        self.themeDirectory = themeDirectory
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var outputDirectory: String
    public var projectCount: Int
    /// How each git remote was harvested: fetched, unchanged, stale, failed, cached.
    public var harvest: [String: Int] = [:]
    /// Sorted by repository, file and line.
    public var diagnostics: [Diagnostic]
}

/// A build failed: nothing was published.
public struct BuildFailure: Error, CustomStringConvertible {
    public var description: String
    /// The repository problems that made a strict build fail, if that was the cause.
    public var diagnostics: [Diagnostic] = []
}

/// The whole build, as a list of steps: load the site, harvest and process every repository
/// in parallel (harvest → extract → render → page), then index, write the site's own pages
/// and swap the result into place.
public enum CatalogueBuild {
    /// Names that project slugs must not take, so that no project page shadows the site's own.
    static let reservedSlugs: Set<String> = ["assets", "index", "search", "pages", "projects", "404", "all", "owners",
                                             "topics"]

    public static func run(_ request: BuildRequest) async throws -> BuildReport {
        let site = URL(fileURLWithPath: request.siteDirectory).standardizedFileURL.path
        let content = site + "/content"
        let output = request.outputDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? site + "/public"

        let configuration: SiteConfiguration
        let sources: [RepositorySource]
        var diagnostics: [Diagnostic]
        do {
            configuration = try SiteLoader.loadSite(contentDirectory: content)
            (sources, diagnostics) = try repositorySources(request, content: content)
        } catch let error as SiteLoader.ConfigurationError {
            throw BuildFailure(description: error.description)
        }
        let theme: Theme
        do {
            let overrides = site + "/Templates"
            let ownFolder = URL(fileURLWithPath: request.themeDirectory).standardizedFileURL.path
            theme = try Theme(directory: ownFolder,
                              overrides: overrides != ownFolder && FileManager.default.fileExists(atPath: overrides)
                                ? overrides : nil)
        } catch let error as Theme.LoadError {
            throw BuildFailure(description: error.description)
        }

        let staging: StagingArea
        do {
            staging = try StagingArea(replacing: output)
        } catch let error as StagingArea.PublishError {
            throw BuildFailure(description: error.description)
        }
        do {
            let pages = try ContentPages.load(from: content + "/pages")
            let publisher = Publisher(theme: theme, staging: staging, site: configuration, contentPages: pages)
            let slugs = Slug.assign(to: sources.map(\.name), reserved: reservedSlugs)
            let harvesting = Harvesting(site: site, limits: configuration.limits, offline: request.offline)
            let results = try await processRepositories(sources, jobs: concurrency(for: sources, jobs: request.jobs)) { source in
                try await processRepository(source, slug: slugs[source.name]!, harvesting: harvesting,
                                            rawHTML: configuration.sanitizesRawHTML ? .sanitize : .omit,
                                      publisher: publisher)
            }
            let found = results.filter { $0.project != nil }.sorted { $0.project!.slug < $1.project!.slug }
            let projects = found.map { $0.project! }
            diagnostics += results.flatMap(\.diagnostics)
            diagnostics.sort()
            if request.strict, !diagnostics.isEmpty {
                throw BuildFailure(description: "--strict: \(diagnostics.count) problem(s) in the repositories; nothing was published",
                                   diagnostics: diagnostics)
            }
            // The site-wide steps need every project; they do not need each other.
            let searchDocuments = found.compactMap(\.search)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try publisher.writeHomeAndLists(projects: projects) }
                group.addTask {
                    for file in try SearchIndex.files(for: searchDocuments) {
                        try staging.write(file.data, to: "search/" + file.path)
                    }
                }
                group.addTask {
                    for page in pages { try publisher.writeContentPage(page) }
                    try publisher.writeNotFoundPage()
                    try publisher.copyAssets()
                }
                try await group.waitForAll()
            }
            try staging.commit()
            var report = BuildReport(outputDirectory: output, projectCount: projects.count, diagnostics: diagnostics)
            for outcome in results.compactMap(\.outcome) { report.harvest[outcome.rawValue, default: 0] += 1 }
            return report
        } catch let failure as BuildFailure {
            staging.discard()
            throw failure
        } catch {
            staging.discard()
            throw BuildFailure(description: "\(error)")
        }
    }

    // MARK: - Steps

    /// Repositories in flight at once: `jobs` for local folders; git remotes mostly wait on the
    /// network, so more of them are fetched at once (CPU work still runs on `jobs` cores).
    static func concurrency(for sources: [RepositorySource], jobs: Int) -> Int {
        let remote = sources.contains { if case .remote = $0.location { true } else { false } }
        return remote ? min(max(jobs * 4, 8), 32) : jobs
    }

    static func repositorySources(_ request: BuildRequest, content: String) throws
        -> ([RepositorySource], [Diagnostic]) {
        var sources: [RepositorySource] = []
        if request.scanDirectories.isEmpty && request.manifests.isEmpty {
            sources = try SiteLoader.loadRepositories(content + "/repositories.yml")
        }
        for manifest in request.manifests { sources += try SiteLoader.loadRepositories(manifest) }
        for directory in request.scanDirectories { sources += try SiteLoader.scan(directory) }
        // Names identify repositories in every message and page: the first one keeps a name.
        var seen: Set<String> = []
        var unique: [RepositorySource] = []
        var diagnostics: [Diagnostic] = []
        for source in sources {
            if seen.insert(source.name).inserted {
                unique.append(source)
            } else {
                diagnostics.append(.error(repository: source.name, "listed twice; only the first entry is built"))
            }
        }
        return (unique, diagnostics)
    }

    struct RepositoryResult: Sendable {
        var project: Project?
        var diagnostics: [Diagnostic]
        var outcome: GitHarvester.Outcome?
        /// What the search index needs of the project, worked out while its text was at hand.
        var search: SearchDocument?
    }

    /// Harvest → extract → render → write the page, for one repository.
    static func processRepository(_ source: RepositorySource, slug: String, harvesting: Harvesting,
                                  rawHTML: RenderOptions.RawHTML, publisher: Publisher) async throws -> RepositoryResult {
        let harvest = await harvesting.snapshot(of: source)
        guard let snapshot = harvest.snapshot else {
            return RepositoryResult(project: nil, diagnostics: harvest.diagnostics, outcome: harvest.outcome)
        }
        let analysis = RepositoryAnalysis(snapshot: snapshot, slug: slug, harvestDiagnostics: harvest.diagnostics)
        let links = WebLinks(snapshot: analysis.snapshot)
        let shown = [analysis.snapshot.file(.readme), analysis.snapshot.file(.contributing)].compactMap { $0 }
        let rendered = shown.map { file in
            let anchorPrefix = file.kind == .readme ? "readme-" : "contributing-"
            guard let document = analysis.documents[file.path] else {
                return HTMLRenderer.renderPlainText(file.text, path: file.path)
            }
            return HTMLRenderer.render(document, path: file.path, options: RenderOptions(
                rawHTML: rawHTML, anchorPrefix: anchorPrefix, links: LinkContext(documentPath: file.path, web: links)))
        }
        try publisher.writeProjectPage(ProjectPage(project: analysis.project, documents: rendered, links: links))
        let text = analysis.documents.keys.sorted().map { analysis.documents[$0]!.root.plainText }.joined(separator: "\n")
        let search = SearchDocument(project: analysis.project, headings: rendered.flatMap { $0.headings.map(\.text) }, text: text)
        return RepositoryResult(project: analysis.project, diagnostics: analysis.diagnostics, outcome: harvest.outcome,
                                search: search)
    }

    /// Runs `body` for every source with at most `jobs` at a time; results in source order.
    static func processRepositories(_ sources: [RepositorySource], jobs: Int,
                                    _ body: @escaping @Sendable (RepositorySource) async throws -> RepositoryResult)
        async throws -> [RepositoryResult] {
        try await withThrowingTaskGroup(of: (Int, RepositoryResult).self) { group in
            var results = [RepositoryResult?](repeating: nil, count: sources.count)
            var next = 0
            func startNext() {
                guard next < sources.count else { return }
                let index = next
                let source = sources[index]
                group.addTask { (index, try await body(source)) }
                next += 1
            }
            for _ in 0..<min(jobs, sources.count) { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                startNext()
            }
            return results.map { $0! }
        }
    }
}
