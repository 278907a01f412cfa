/// What lists, facets and search results show of a project. Small, so that the build keeps
/// every project's summary and makes the site-wide pages without reading projects again.
public struct ProjectSummary: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    public var description: String?
    /// Handles, or names where there is no handle, in the order the project gives them.
    public var owners: [String]
    /// Where each owner was read, and the file's word for them, in the order of `owners`: a
    /// team's page says which file made it the owner.
    public var ownerSources: [SourceLocation]
    public var ownerRoles: [String]
    public var topics: [String]
    /// `ContributionType` raw values.
    public var accepts: [String]
    public var level: Readiness.Level?
    public var score: Int?
    public var hasReviewCommitment: Bool
    public var language: String?
    /// `2026-11-02`, or nil for repositories read from a folder.
    public var lastCommit: String?

    public init(_ project: Project) {
        slug = project.slug
        name = project.name.value
        description = project.description?.value
        owners = project.owners.map { $0.handle ?? $0.name ?? "" }
        ownerSources = project.owners.map(\.source)
        ownerRoles = project.owners.map(\.role)
        topics = project.topics
        accepts = project.accepts.map(\.type.rawValue)
        level = project.readiness?.level
        score = project.readiness?.score
        hasReviewCommitment = project.reviewCommitment != nil
        language = project.language?.value
        lastCommit = project.activity.map { CalendarDay.string(from: $0.lastCommit) }
    }
}

/// A way to narrow the catalogue: on the home page, in the search, and (for some) as lists of
/// their own. Defined once here for every stage that shows them.
public struct Facet: Sendable {
    /// The key in the search files and the page's form.
    public var name: String
    public var title: String
    /// The folder of the lists by value (`owners/<value>/`), for facets that have them.
    public var listFolder: String?
    public var values: @Sendable (ProjectSummary) -> [String]

    public static let all: [Facet] = [
        Facet(name: "owner", title: "Owner team", listFolder: "owners", values: \.owners),
        Facet(name: "topic", title: "Topic", listFolder: "topics", values: \.topics),
        Facet(name: "accepts", title: "Accepts", listFolder: nil, values: \.accepts),
        Facet(name: "level", title: "Readiness", listFolder: nil, values: { [$0.level?.rawValue ?? ""] }),
        Facet(name: "review", title: "Review commitment", listFolder: nil,
              values: { [$0.hasReviewCommitment ? "yes" : "no"] }),
        Facet(name: "language", title: "Language", listFolder: nil, values: { $0.language.map { [$0] } ?? [] }),
    ]
}

/// Where the catalogue puts things, relative to the site root.
public enum SiteLayout {
    /// `projects/<slug>/`, the link to a project's page.
    public static func projectURL(slug: String) -> String { "projects/\(slug)/" }
    public static func projectPage(slug: String) -> String { projectURL(slug: slug) + "index.html" }
    /// The list of one facet value's projects: `owners/<slug>/`, `topics/<slug>/`.
    public static func valueList(folder: String, value: String) -> String { "\(folder)/\(Slug.make(from: value))/" }
    /// The list of every project.
    public static let allProjects = "all"
    /// The search index's folder.
    public static let search = "search"
    /// A project's readiness badge, for READMEs to show.
    public static func projectBadge(slug: String) -> String { projectURL(slug: slug) + "badge.svg" }
    /// A project in the explain contract (`atrium explain --format json`).
    public static func projectJSON(slug: String) -> String { "api/projects/\(slug).json" }
    /// Every file made from one repository alone, kept or made with its page.
    public static func projectFiles(slug: String) -> [String] {
        [projectPage(slug: slug), projectBadge(slug: slug), projectJSON(slug: slug)]
    }
    /// The slug whose `projectFiles` hold `path`, nil when no project's do: the inverse, without
    /// a set of every project's paths.
    public static func slug(ofProjectFile path: String) -> String? {
        let slug: Substring
        if path.hasPrefix("projects/"), let slash = path.dropFirst("projects/".count).firstIndex(of: "/") {
            slug = path.dropFirst("projects/".count)[..<slash]
        } else if path.hasPrefix("api/projects/"), path.hasSuffix(".json") {
            slug = path.dropFirst("api/projects/".count).dropLast(".json".count)
        } else {
            return nil
        }
        guard !slug.isEmpty, !slug.contains("/") else { return nil }
        return projectFiles(slug: String(slug)).contains(path) ? String(slug) : nil
    }
    /// Every project in the explain contract, as one JSON array.
    public static let allProjectsJSON = "api/projects.json"
    /// The SAP InnerSource Portal's data file.
    public static let portalJSON = "repos.json"
    /// The Atom feed of projects added or changed.
    public static let feed = "feed.xml"
}
