import Foundation

/// Where a fact was read: a file in the repository and, when known, its line.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `CONTRIBUTING.md:12`, or the file alone when no line applies.
    public var description: String { line.map { "\(file):\($0)" } ?? file }

    /// `FILE:LINE` or `FILE`, as `description` spells it.
    public init(parsing text: String) {
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            self.init(file: String(text[..<colon]), line: line)
        } else {
            self.init(file: text)
        }
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line ?? 0) < (rhs.file, rhs.line ?? 0)
    }
}

/// A value the catalogue extracted, with the place it came from.
public struct Fact<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var value: Value
    public var source: SourceLocation?

    public init(_ value: Value, source: SourceLocation?) {
        self.value = value
        self.source = source
    }
}

/// What the catalogue knows about one repository after extraction: what a would-be contributor
/// needs, every fact with the place it was read.
public struct Project: Sendable, Hashable, Codable {
    /// The path segment of the project's page, unique in the catalogue.
    public var slug: String
    /// The repository's configured name.
    public var repository: String
    public var name: Fact<String>
    public var description: Fact<String>?
    public var owners: [Person] = []
    public var trustedCommitters: [Person] = []
    public var accepts: [Contribution] = []
    public var doesNotAccept: [Contribution] = []
    public var onboarding: [OnboardingStep] = []
    public var reviewCommitment: ReviewCommitment?
    public var channels: [Channel] = []
    public var topics: [String]
    /// The main programming language: from metadata, else the README's code examples.
    public var language: Fact<String>?
    /// The documents a contributor looks for, by the path they were found at.
    public var readme: String?
    public var contributing: String?
    public var codeowners: String?
    public var licence: String?
    public var codeOfConduct: String?
    /// Every documentation file that was harvested, sorted by path.
    public var files: [String]
    /// The commit the facts were read at, and the repository's recent life (git remotes).
    public var commit: String?
    public var activity: Activity?
    /// What the history window says (git remotes and checkouts); nil for a plain folder.
    public var history: RepositoryHistory?
    /// The declared owners and Trusted Committers who are persons, with what the history says
    /// of each, in the order declared; empty without a history.
    public var people: [RepositoryHistory.Person] = []
    /// A person with a commit in this many days before the harvest is active.
    public var activeDays = 180
    /// When the harvest that this is shown from was taken.
    public var harvestedAt: Int?
    /// Set when the remote could not be read and the last good snapshot is shown.
    public var staleSince: Int?
    /// Where a weaker source disagreed with a stronger one, and was overruled.
    public var notes: [Fact<String>] = []
    /// Values an unfilled template left where facts belong (`@GitHubUsername`), not used.
    public var unfilledPlaceholders: [Fact<String>] = []
    public var readiness: Readiness?

    public init(slug: String, repository: String, name: Fact<String>,
                description: Fact<String>? = nil, topics: [String] = [], readme: String? = nil,
                contributing: String? = nil, codeowners: String? = nil, files: [String] = []) {
        self.slug = slug
        self.repository = repository
        self.name = name
        self.description = description
        self.topics = topics
        self.readme = readme
        self.contributing = contributing
        self.codeowners = codeowners
        self.files = files
    }
}

extension Project {
    /// What the history says of these declared people (owners or Trusted Committers): the
    /// persons among them that `people` holds, teams left out.
    public func historyStatus(of declared: [Person]) -> [RepositoryHistory.Person] {
        let keys = Set(declared.compactMap { $0.declaration.map(Self.key) })
        return people.filter { keys.contains(Self.key($0.handle)) }
    }

    private static func key(_ declaration: String) -> String {
        declaration.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The people whose activity the page and the checks count: the Trusted Committers, or the
    /// owners who are persons when no Trusted Committer is.
    public var accountable: Accountable {
        let committers = historyStatus(of: trustedCommitters)
        return committers.isEmpty
            ? Accountable(role: .owners, people: historyStatus(of: owners), declared: owners.filter { $0.kind == .person })
            : Accountable(role: .trustedCommitters, people: committers, declared: trustedCommitters.filter { $0.kind == .person })
    }
}

/// Who answers for a project's reviews, with what the history says of each.
public struct Accountable: Sendable {
    public enum Role: Sendable {
        case trustedCommitters, owners
    }

    public var role: Role
    public var people: [RepositoryHistory.Person]
    /// The declarations they were found from, in the order declared.
    public var declared: [Person]

    public var active: Int { people.count { $0.status == .active } }

    /// "Trusted Committer", "Trusted Committers", "owner", "owners".
    public func noun(_ count: Int) -> String {
        switch role {
        case .trustedCommitters: count == 1 ? "Trusted Committer" : "Trusted Committers"
        case .owners: count == 1 ? "owner" : "owners"
        }
    }

    /// "3 of 4 Trusted Committers active in the last 180 days": counts, so that nobody is ranked.
    public func summary(activeDays: Int) -> String {
        "\(active) of \(people.count) \(noun(people.count)) active in the last \(activeDays) days"
    }
}
