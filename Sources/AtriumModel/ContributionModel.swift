/// Someone responsible for a repository: a code owner, an owning team, a Trusted Committer.
public struct Person: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case team
        case person
    }

    /// As written: `@org/team`, `@user`, an email, `group:platform`. Nil when only a name is given.
    public var handle: String?
    /// A person's or team's name, when the files give one.
    public var name: String?
    public var kind: Kind
    /// The file's own word: codeowner, owner, approver, maintainer, trusted committer.
    public var role: String
    public var source: SourceLocation

    public init(handle: String? = nil, name: String? = nil, kind: Kind, role: String, source: SourceLocation) {
        self.handle = handle
        self.name = name
        self.kind = kind
        self.role = role
        self.source = source
    }

    /// What the history is searched for (a handle, an email or a name); nil for a team, which
    /// no commit author can be.
    public var declaration: String? {
        kind == .person ? (handle ?? name) : nil
    }

    /// What identifies the person across sources: the handle, else the name, lower-cased
    /// (handles without their leading `@`).
    public var identity: String {
        let key = (handle ?? name ?? "").lowercased()
        return key.hasPrefix("@") ? String(key.dropFirst()) : key
    }
}

/// The kinds of contribution a project can welcome or refuse.
public enum ContributionType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case bugReports = "bug-reports"
    case bugFixes = "bug-fixes"
    case features
    case documentation
    case tests
    case translations
    case securityReports = "security-reports"
    case design
    case reviews
    case other

    public static func < (lhs: ContributionType, rhs: ContributionType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A kind of contribution, in the words the repository uses.
public struct Contribution: Sendable, Hashable, Codable {
    public var type: ContributionType
    public var text: String
    public var source: SourceLocation

    public init(type: ContributionType, text: String, source: SourceLocation) {
        self.type = type
        self.text = text
        self.source = source
    }
}

/// One step towards a working development set-up.
public struct OnboardingStep: Sendable, Hashable, Codable {
    public var text: String
    /// The shell command(s) of the step, lines kept; nil for a step without one.
    public var command: String?
    public var source: SourceLocation

    public init(text: String, command: String?, source: SourceLocation) {
        self.text = text
        self.command = command
        self.source = source
    }
}

/// The owners' promise of how fast contributions are reviewed.
public struct ReviewCommitment: Sendable, Hashable, Codable {
    public var text: String
    /// The promise in hours (a day counts 24, a week 168); nil when it has no number.
    public var hours: Int?
    public var source: SourceLocation

    public init(text: String, hours: Int?, source: SourceLocation) {
        self.text = text
        self.hours = hours
        self.source = source
    }
}

/// A place to ask questions or talk to the owners.
public struct Channel: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case chat
        case mailingList = "mailing-list"
        case forum
        case issueTracker = "issue-tracker"
        case other
    }

    public var kind: Kind
    /// The channel as written: `#payments-dev`, `payments-dev@acme.example`.
    public var name: String?
    public var url: String?
    public var source: SourceLocation

    public init(kind: Kind, name: String?, url: String?, source: SourceLocation) {
        self.kind = kind
        self.name = name
        self.url = url
        self.source = source
    }
}

/// Which parts of a working contribution model a repository has.
public struct Readiness: Sendable, Hashable, Codable {
    public struct Check: Sendable, Hashable, Codable {
        public var id: String
        public var passed: Bool
        /// What was found, or what to add and where.
        public var message: String
        public var weight: Int
        /// Optional checks do not lower the score when they fail.
        public var optional: Bool
        /// The file to fix, when one is at fault.
        public var file: String?
        public var line: Int?

        public init(id: String, passed: Bool, message: String, weight: Int, optional: Bool = false,
                    file: String? = nil, line: Int? = nil) {
            self.id = id
            self.passed = passed
            self.message = message
            self.weight = weight
            self.optional = optional
            self.file = file
            self.line = line
        }
    }

    /// From "filing cabinet" (visible, nothing else) to "InnerSource-ready".
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case filingCabinet = "filing cabinet"
        case documented = "documented"
        case openToContributions = "open to contributions"
        case innerSourceReady = "InnerSource-ready"

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var score: Int
    public var level: Level
    public var checks: [Check]

    public init(score: Int, level: Level, checks: [Check]) {
        self.score = score
        self.level = level
        self.checks = checks
    }
}
