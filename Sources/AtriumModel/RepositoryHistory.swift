/// What a repository's recent history says, read at harvest time from the commits of the
/// history window (git remotes and local checkouts; nil for a plain folder).
///
/// Everything here is computed once, from the commits fetched: the window is
/// `--shallow-since=<windowStart>` for a remote, `--since` for a checkout, plus the head commit
/// when the window holds none. Who the declared owners are is found later (by extraction), so
/// `people` is not here: ``authorIndex`` holds what is needed to compute it
/// (`History.people(declared:authors:now:activeDays:)`).
public struct RepositoryHistory: Sendable, Hashable, Codable {
    /// Days of history asked for.
    public var windowDays: Int
    /// The window's first second (seconds since 1970): the harvest time less `windowDays`.
    public var windowStart: Int
    /// The newest commit's committer time among the commits not made by bots, in everything
    /// fetched (the head commit is always fetched, even when older than the window).
    public var lastHumanCommit: Int?
    /// Commits in the window not made by bots (committer time at or after `windowStart`).
    public var commits: Int
    /// Distinct human authors of those commits: canonical identities after `.mailmap`.
    public var authors: Int
    /// Commits in the window made by bots.
    public var botCommits: Int
    /// True when more commits were in the window than are read (`maxCommits`): the figures
    /// cover the newest ones only.
    public var isCapped: Bool
    public var reviewLatency: ReviewLatency
    /// Human commit authors, by canonical email, sorted by it.
    public var authorIndex: [Author]
    /// CODEOWNERS hygiene of the file GitHub uses; nil when there is none.
    public var codeowners: CodeOwnersHygiene?
    /// Paths in the head commit's tree (files, links, submodules) counted, and whether the
    /// listing was cut at the limit (then CODEOWNERS hygiene is over the paths listed only).
    public var treePaths: Int
    public var treePathsCapped: Bool

    /// The harvest time the window was counted back from (seconds since 1970): "now" for
    /// whether someone is active.
    public var harvestedAt: Int { windowStart + windowDays * 86_400 }

    public init(windowDays: Int, windowStart: Int, lastHumanCommit: Int?, commits: Int, authors: Int, botCommits: Int,
                isCapped: Bool = false, reviewLatency: ReviewLatency, authorIndex: [Author],
                codeowners: CodeOwnersHygiene?, treePaths: Int, treePathsCapped: Bool) {
        self.windowDays = windowDays
        self.windowStart = windowStart
        self.lastHumanCommit = lastHumanCommit
        self.commits = commits
        self.authors = authors
        self.botCommits = botCommits
        self.isCapped = isCapped
        self.reviewLatency = reviewLatency
        self.authorIndex = authorIndex
        self.codeowners = codeowners
        self.treePaths = treePaths
        self.treePathsCapped = treePathsCapped
    }

    /// "First commit to merge": for each merge made by a hosting platform in the window, the
    /// hours from the earliest author time of the commits it brought in to its committer time.
    public struct ReviewLatency: Sendable, Hashable, Codable {
        /// Median of the measured merges' hours (mean of the two middle values when their
        /// number is even), rounded to 0.1 h; nil when none was measured.
        public var medianHours: Double?
        /// 90th percentile by nearest rank: the value at 1-based rank ⌈0.9 × n⌉ of the hours
        /// sorted ascending, rounded to 0.1 h; nil when none was measured.
        public var p90Hours: Double?
        /// Platform merges measured.
        public var merges: Int
        /// Platform merges that could not be measured: squash or rebase merges (one parent),
        /// and merge commits whose brought-in commits are all beyond the fetched history.
        public var unmeasuredMerges: Int
        public var method: String

        public static let firstCommitToMerge = "first commit to merge"

        /// Fewer measured merges than this say too little to hold a promise against.
        public static let enoughMerges = 5

        /// The median, when enough merges were measured for it to mean something.
        public var trustedMedianHours: Double? {
            merges >= Self.enoughMerges ? medianHours : nil
        }

        public init(medianHours: Double?, p90Hours: Double?, merges: Int, unmeasuredMerges: Int,
                    method: String = ReviewLatency.firstCommitToMerge) {
            self.medianHours = medianHours
            self.p90Hours = p90Hours
            self.merges = merges
            self.unmeasuredMerges = unmeasuredMerges
            self.method = method
        }
    }

    /// One person who committed, after `.mailmap`.
    public struct Author: Sendable, Hashable, Codable {
        /// The canonical email, lowercased (the key).
        public var email: String
        /// Every email seen for them (commits, and `.mailmap` lines mapping to them), lowercased, sorted.
        public var emails: [String]
        /// Every name seen for them (commits, and the `.mailmap` name), sorted.
        public var names: [String]
        /// GitHub handles from their `users.noreply.github.com` emails, lowercased, sorted.
        public var handles: [String]
        /// Their newest commit's committer time.
        public var lastCommit: Int
        /// Their commits in the fetched history.
        public var commits: Int

        public init(email: String, emails: [String], names: [String], handles: [String], lastCommit: Int, commits: Int) {
            self.email = email
            self.emails = emails
            self.names = names
            self.handles = handles
            self.lastCommit = lastCommit
            self.commits = commits
        }
    }

    /// A declared owner (handle, email or name) and what the history says of them.
    public struct Person: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable {
            /// A human commit within the active days before the harvest.
            case active
            /// Commits in the fetched history, none recent.
            case inactive
            /// Not found in the fetched history.
            case unknown
        }

        /// As declared: `@alice`, `alice@acme.example`, `Alice Example`.
        public var handle: String
        public var status: Status
        public var lastCommit: Int?

        public init(handle: String, status: Status, lastCommit: Int?) {
            self.handle = handle
            self.status = status
            self.lastCommit = lastCommit
        }
    }

    public struct CodeOwnersHygiene: Sendable, Hashable, Codable {
        /// Rules whose pattern matches no path of the head commit's tree.
        public var unmatched: [Rule]
        /// Rules that match paths, every one of which a later rule also matches (last match wins).
        public var shadowed: [Rule]

        public init(unmatched: [Rule], shadowed: [Rule]) {
            self.unmatched = unmatched
            self.shadowed = shadowed
        }

        public struct Rule: Sendable, Hashable, Codable {
            public var pattern: String
            /// `FILE:LINE`, e.g. `.github/CODEOWNERS:4`.
            public var source: String

            public init(pattern: String, source: String) {
                self.pattern = pattern
                self.source = source
            }
        }
    }
}

/// The `history` object of the explain JSON:
///
/// ```
/// {"windowDays", "lastHumanCommit", "commits", "authors", "botCommits",
///  "reviewLatency": {"medianHours", "p90Hours", "merges", "unmeasuredMerges", "method"},
///  "people": [{"handle", "status", "lastCommit"}],
///  "codeowners": {"unmatched": [{"pattern", "source"}], "shadowed": [{"pattern", "source"}]}}
/// ```
///
/// Times are RFC 3339 in UTC (`2026-11-25T09:30:00Z`); absent values are `null`, never left
/// out; `codeowners` is `{"unmatched": [], "shadowed": []}` when there is no CODEOWNERS file.
public struct HistoryExplanation: Encodable, Sendable {
    public var history: RepositoryHistory
    public var people: [RepositoryHistory.Person]

    public init(history: RepositoryHistory, people: [RepositoryHistory.Person]) {
        self.history = history
        self.people = people
    }

    enum Keys: String, CodingKey {
        case windowDays, lastHumanCommit, commits, authors, botCommits, reviewLatency, people, codeowners
    }

    private struct Latency: Encodable {
        let medianHours: JSONNullable<Double>, p90Hours: JSONNullable<Double>, merges: Int, unmeasuredMerges: Int
        let method: String
    }

    private struct PersonJSON: Encodable {
        let handle: String, status: String, lastCommit: JSONNullable<String>
    }

    private struct Hygiene: Encodable {
        let unmatched: [RepositoryHistory.CodeOwnersHygiene.Rule], shadowed: [RepositoryHistory.CodeOwnersHygiene.Rule]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(history.windowDays, forKey: .windowDays)
        try container.encode(JSONNullable(history.lastHumanCommit.map(CalendarDay.timestamp(from:))), forKey: .lastHumanCommit)
        try container.encode(history.commits, forKey: .commits)
        try container.encode(history.authors, forKey: .authors)
        try container.encode(history.botCommits, forKey: .botCommits)
        let latency = history.reviewLatency
        try container.encode(Latency(medianHours: JSONNullable(latency.medianHours), p90Hours: JSONNullable(latency.p90Hours),
                                     merges: latency.merges, unmeasuredMerges: latency.unmeasuredMerges, method: latency.method),
                             forKey: .reviewLatency)
        try container.encode(people.map {
            PersonJSON(handle: $0.handle, status: $0.status.rawValue, lastCommit: JSONNullable($0.lastCommit.map(CalendarDay.timestamp(from:))))
        }, forKey: .people)
        try container.encode(Hygiene(unmatched: history.codeowners?.unmatched ?? [], shadowed: history.codeowners?.shadowed ?? []),
                             forKey: .codeowners)
    }
}
