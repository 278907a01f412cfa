/// What the exports that other tools read (the InnerSource portal's `repos.json`, the Atom feed)
/// say of a project. Made with the project's page and kept in the build record beside its
/// summary, so that the site-wide exports are written without reading projects again.
public struct ProjectListing: Sendable, Hashable, Codable {
    /// What lists and search show: name, description, owners, topics, language, readiness.
    public var summary: ProjectSummary
    /// The repository's configured name (`payments-sdk`, `platform/payments-sdk`).
    public var repository: String
    /// The repository's own web page, when its web links or its remote give one (http or https).
    public var webURL: String?
    /// The branch its links use; nil when only a commit or `HEAD` is known.
    public var branch: String?
    /// The contribution guide's path in the repository and its web page.
    public var guidePath: String?
    public var guideURL: String?
    public var reviewHours: Int?
    /// Chat, list and forum links a contributor can follow (http or https only).
    public var channelURLs: [String]
    /// Commits in the 90 days before the harvest, for git remotes.
    public var recentCommits: Int?
    /// When the documentation was last changed, as far as can be told (seconds since 1970):
    /// the newest commit of a git remote, else the newest documentation file's modification
    /// time; never after `SOURCE_DATE_EPOCH` when that is set.
    public var updated: Int
    /// What the history says in brief; nil when the repository was not read from git.
    public var history: HistoryFacts?

    /// The history figures the exports and site-wide pages may use, kept with the listing so
    /// that a page kept from the last build keeps them too.
    public struct HistoryFacts: Sendable, Hashable, Codable {
        public var windowDays: Int
        public var lastHumanCommit: Int?
        public var commits: Int
        public var authors: Int
        public var botCommits: Int
        public var reviewMedianHours: Double?
        public var reviewP90Hours: Double?
        public var measuredMerges: Int
        public var unmeasuredMerges: Int
        /// The Trusted Committers (or owners who are persons) active, and how many are known.
        public var activePeople: Int
        public var people: Int

        public init(_ project: Project) {
            let history = project.history
            windowDays = history?.windowDays ?? 0
            lastHumanCommit = history?.lastHumanCommit
            commits = history?.commits ?? 0
            authors = history?.authors ?? 0
            botCommits = history?.botCommits ?? 0
            reviewMedianHours = history?.reviewLatency.medianHours
            reviewP90Hours = history?.reviewLatency.p90Hours
            measuredMerges = history?.reviewLatency.merges ?? 0
            unmeasuredMerges = history?.reviewLatency.unmeasuredMerges ?? 0
            let accountable = project.accountable
            activePeople = accountable.active
            people = accountable.people.count
        }
    }

    public var slug: String { summary.slug }

    public init(_ project: Project, links: WebLinks, source: RepositorySource, updated: Int) {
        summary = ProjectSummary(project)
        repository = project.repository
        webURL = Self.webURL(of: source)
        branch = source.branch
        guidePath = project.contributing
        guideURL = project.contributing.flatMap { links.page(for: $0) }.flatMap(WebAddress.plainHTTP)
        reviewHours = project.reviewCommitment?.hours
        channelURLs = project.channels.compactMap { $0.url.flatMap(WebAddress.plainHTTP) }
        recentCommits = project.activity?.recentCommits
        self.updated = updated
        history = project.history == nil ? nil : HistoryFacts(project)
    }

    /// The repository's web page: its web link template cut after `{name}`, else an http(s)
    /// remote without credentials and without `.git`.
    static func webURL(of source: RepositorySource) -> String? {
        if let template = source.webTemplate, let name = template.range(of: "{name}") {
            let page = WebLinks(repository: source.name, ref: "", webTemplate: String(template[..<name.upperBound]),
                                rawTemplate: nil)
            return page.page(for: "").flatMap(WebAddress.plainHTTP)
        }
        guard case .remote(let remote) = source.location, var url = WebAddress.plainHTTP(remote) else { return nil }
        if let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
           !url[scheme.upperBound..<at].contains("/") {
            url.removeSubrange(scheme.upperBound...at)
        }
        if url.hasSuffix(".git") { url.removeLast(4) }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
