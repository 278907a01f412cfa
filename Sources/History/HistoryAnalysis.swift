public import AtriumModel

/// The history facts of one repository, from its fetched commits: the entry point.
public enum HistoryAnalysis {
    public struct Settings: Sendable, Hashable {
        public var windowDays: Int
        /// The harvest time (seconds since 1970).
        public var now: Int
        public var bots: BotFilter

        public init(windowDays: Int, now: Int, bots: BotFilter = BotFilter()) {
            self.windowDays = windowDays
            self.now = now
            self.bots = bots
        }

        public var windowStart: Int { now - windowDays * 86_400 }
    }

    /// What was read from the repository for it.
    public struct Input: Sendable {
        /// The commits fetched (reachable from the head, within the shallow boundary); order
        /// does not matter.
        public var commits: [HistoryCommit]
        /// More commits were in the window than were read.
        public var commitsCapped: Bool
        public var mailmap: String?
        /// The CODEOWNERS file GitHub uses (`.github/`, then the root, then `docs/`): path and text.
        public var codeowners: (path: String, text: String)?
        /// The head commit's tree: every path (files, links, submodules).
        public var paths: [String]
        public var pathsCapped: Bool

        public init(commits: [HistoryCommit], commitsCapped: Bool = false, mailmap: String? = nil,
                    codeowners: (path: String, text: String)? = nil, paths: [String] = [], pathsCapped: Bool = false) {
            self.commits = commits
            self.commitsCapped = commitsCapped
            self.mailmap = mailmap
            self.codeowners = codeowners
            self.paths = paths
            self.pathsCapped = pathsCapped
        }
    }

    public static func analyse(_ input: Input, settings: Settings) -> RepositoryHistory {
        let since = settings.windowStart
        let mailmap = Mailmap(input.mailmap ?? "")
        var humans: [HistoryCommit] = []
        var botCommits = 0
        for commit in input.commits {
            if settings.bots.isBot(name: commit.authorName, email: commit.authorEmail) {
                if commit.committerTime >= since { botCommits += 1 }
            } else {
                humans.append(commit)
            }
        }
        let index = AuthorIndex.build(humans, mailmap: mailmap)
        let recent = humans.filter { $0.committerTime >= since }
        let recentAuthors = Set(recent.map { mailmap.canonical(name: $0.authorName, email: $0.authorEmail).email })
        return RepositoryHistory(
            windowDays: settings.windowDays, windowStart: since, lastHumanCommit: humans.map(\.committerTime).max(),
            commits: recent.count, authors: recentAuthors.count, botCommits: botCommits, isCapped: input.commitsCapped,
            reviewLatency: ReviewLatencyMeasure.measure(input.commits, since: since), authorIndex: index,
            codeowners: input.codeowners.map { CodeOwnersCheck.check(file: $0.path, text: $0.text, paths: input.paths) },
            treePaths: input.paths.count, treePathsCapped: input.pathsCapped)
    }

    /// The `Activity` figures (90 days) of the same commits, bots left out; nil when no human
    /// commit was fetched.
    public static func activity(_ input: Input, settings: Settings) -> Activity? {
        let humans = input.commits.filter { !settings.bots.isBot(name: $0.authorName, email: $0.authorEmail) }
        guard let newest = humans.map(\.committerTime).max() else { return nil }
        let since = settings.now - Activity.window
        let recent = humans.filter { $0.committerTime >= since }
        let mailmap = Mailmap(input.mailmap ?? "")
        let capped = input.commitsCapped && (input.commits.map(\.committerTime).min() ?? 0) >= since
            || settings.windowDays * 86_400 < Activity.window
        return Activity(lastCommit: newest, recentCommits: recent.count,
                        recentAuthors: Set(recent.map { mailmap.canonical(name: $0.authorName, email: $0.authorEmail).email }).count,
                        isCapped: capped)
    }
}
