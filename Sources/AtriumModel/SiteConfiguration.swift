/// The catalogue site's own settings, from `content/site.yml`.
public struct SiteConfiguration: Sendable, Hashable {
    public var title: String
    public var description: String?
    /// The address the site is published at, ending in `/`, or nil for relative links only.
    public var baseURL: String?
    public var limits: Limits
    /// Authors' raw HTML in Markdown: through the allowlist sanitiser (the default), or left out.
    public var sanitizesRawHTML = true
    public var history = History()

    /// `history:` in site.yml: how much history is read and who counts as active or a bot.
    public struct History: Sendable, Hashable {
        /// Days of history read for the history facts.
        public var days: Int
        /// A person with a commit in this many days before the harvest is active.
        public var activeDays: Int
        /// Names or emails containing one of these (case-insensitive) are bots, besides the
        /// ones every build knows.
        public var bots: [String]

        public init(days: Int = 365, activeDays: Int = 180, bots: [String] = []) {
            self.days = days
            self.activeDays = activeDays
            self.bots = bots
        }
    }

    public struct Limits: Sendable, Hashable {
        /// Files larger than this are refused, not read.
        public var maxFileBytes: Int

        public init(maxFileBytes: Int = 1 << 20) {
            self.maxFileBytes = maxFileBytes
        }
    }

    public init(title: String = "InnerSource Catalogue", description: String? = nil,
                baseURL: String? = nil, limits: Limits = Limits()) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.limits = limits
    }
}
