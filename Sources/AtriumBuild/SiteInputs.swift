import AtriumModel
import Digest
import Foundation
import Publish

/// What the load-site step reads: everything a build needs before it touches a repository.
struct SiteInputs: Sendable {
    let site: String
    let output: String
    let configuration: SiteConfiguration
    let sources: [RepositorySource]
    /// Repositories listed twice, and other problems with the list.
    let diagnostics: [Diagnostic]
    let theme: Theme
    let pages: [ContentPage]
    let slugs: [String: String]
    /// `SOURCE_DATE_EPOCH`: no date in the output is later.
    let dateLimit: Int?
    /// Of everything besides a repository's own files that shapes its page: Atrium's version,
    /// the configuration, the theme and the site's own pages.
    let fingerprint: ContentDigest

    /// Names that project slugs must not take, so that no project page shadows the site's own.
    static let reservedSlugs: Set<String> = ["assets", "index", "search", "pages", "projects", "404", "all", "owners",
                                             "topics", "api"]

    static func load(_ request: BuildRequest) throws -> SiteInputs {
        let site = URL(fileURLWithPath: request.siteDirectory).standardizedFileURL.path
        let content = site + "/content"
        let configuration = try SiteLoader.loadSite(contentDirectory: content)
        let (sources, diagnostics) = try repositorySources(content: content, scanDirectories: request.scanDirectories,
                                                           manifests: request.manifests)
        let overrides = site + "/Templates"
        let ownFolder = URL(fileURLWithPath: request.themeDirectory).standardizedFileURL.path
        let theme = try Theme(directory: ownFolder,
                              overrides: overrides != ownFolder && FileManager.default.fileExists(atPath: overrides)
                                  ? overrides : nil)
        let pages = try ContentPages.load(from: content + "/pages")

        var hasher = ContentHasher()
        hasher.combine(AtriumVersion.current)
        hasher.combine(configuration.title)
        hasher.combine(configuration.description)
        hasher.combine(configuration.baseURL)
        hasher.combine(configuration.limits.maxFileBytes)
        hasher.combine(configuration.sanitizesRawHTML)
        hasher.combine(configuration.history.days)
        hasher.combine(configuration.history.activeDays)
        hasher.combine(configuration.history.bots.count)
        for bot in configuration.history.bots { hasher.combine(bot) }
        hasher.combine(theme.digest)
        hasher.combine(request.sourceDateEpoch)
        hasher.combine(pages.count)
        for page in pages {
            hasher.combine(page.slug)
            hasher.combine(page.title)
            hasher.combine(page.document.path)
            hasher.combine(page.document.html)
            for heading in page.document.headings {
                hasher.combine(heading.level)
                hasher.combine(heading.text)
                hasher.combine(heading.anchor)
            }
        }
        return SiteInputs(
            site: site,
            output: request.outputDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? site + "/public",
            configuration: configuration, sources: sources, diagnostics: diagnostics, theme: theme, pages: pages,
            slugs: Slug.assign(to: sources.map(\.name), reserved: reservedSlugs), dateLimit: request.sourceDateEpoch,
            fingerprint: hasher.finalize())
    }

    /// The repositories to build: `repositories.yml`, or the manifests and scanned folders
    /// given instead. A name listed twice keeps its first entry.
    static func repositorySources(content: String, scanDirectories: [String], manifests: [String]) throws
        -> ([RepositorySource], [Diagnostic]) {
        var sources: [RepositorySource] = []
        if scanDirectories.isEmpty && manifests.isEmpty {
            sources = try SiteLoader.loadRepositories(content + "/repositories.yml")
        }
        for manifest in manifests { sources += try SiteLoader.loadRepositories(manifest) }
        for directory in scanDirectories { sources += try SiteLoader.scan(directory) }
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
}
