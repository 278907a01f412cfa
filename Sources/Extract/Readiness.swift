import Foundation
import AtriumModel

/// Which parts of a working contribution model a project has, each with what to add and where.
enum ReadinessReport {
    static func assess(_ project: Project) -> Readiness {
        var checks: [Readiness.Check] = []
        func check(_ id: String, _ weight: Int, passed: Bool, found: String, missing: String,
                   optional: Bool = false, file: String? = nil, line: Int? = nil) {
            checks.append(.init(id: id, passed: passed, message: passed ? found : missing, weight: weight,
                                optional: optional, file: file, line: line))
        }
        let guide = project.contributing ?? "CONTRIBUTING.md"
        check("readme", 15, passed: project.readme != nil && project.description != nil,
              found: "\(project.readme ?? "README") describes the project\(sourceSuffix(project.description?.source))",
              missing: project.readme == nil
                ? "Add a README.md that says what the project is and who it is for."
                : "Start \(project.readme!) with a paragraph that says what the project does (after the title and badges).",
              file: project.readme)
        check("contributing-guide", 15, passed: project.contributing != nil,
              found: "Contribution guide: \(project.contributing ?? "")",
              missing: "Add a CONTRIBUTING.md (in the root or .github/) that says what you accept, how to set up, and how reviews work.")
        check("owners", 15, passed: !project.owners.isEmpty,
              found: "Owned by \(list(project.owners))",
              missing: "Name the owning team: a CODEOWNERS file with a `*` rule (e.g. `* @org/team`), or `spec.owner` in catalog-info.yaml.")
        check("trusted-committers", 10, passed: !project.trustedCommitters.isEmpty,
              found: "Trusted Committers: \(list(project.trustedCommitters))",
              missing: "Name your Trusted Committers (the people who review and merge) in \(guide), a MAINTAINERS file or OWNERS approvers.",
              file: project.contributing)
        check("accepted-contributions", 10, passed: !project.accepts.isEmpty,
              found: "Accepts \(project.accepts.map(\.type.rawValue).joined(separator: ", "))",
              missing: "Say which contributions you welcome (bug fixes, features, documentation…) under a \"What we accept\" heading in \(guide).",
              file: project.contributing)
        check("setup-steps", 10, passed: project.onboarding.contains { $0.command != nil },
              found: "\(project.onboarding.filter { $0.command != nil }.count) setup step(s) with commands",
              missing: "Add a \"Development setup\" section to \(guide) with the commands to build and test (in ```sh blocks).",
              file: project.contributing)
        let review = ReviewMeasurement(project)
        check("review-commitment", 10, passed: project.reviewCommitment != nil && !review.isBroken,
              found: "Review promise: \(project.reviewCommitment?.text ?? "")\(review.summary.map { " (\($0))" } ?? "")",
              missing: review.isBroken
                ? "The review promise is not kept: \(review.summary ?? ""). Review faster, or promise what you can keep."
                : "State how fast you review, e.g. \"We review pull requests within 2 business days\", in \(guide).",
              file: review.isBroken ? project.reviewCommitment?.source.file : project.contributing,
              line: review.isBroken ? project.reviewCommitment?.source.line : nil)
        check("channel", 10, passed: !project.channels.isEmpty,
              found: "Ask in \(project.channels.map { $0.name ?? $0.url ?? $0.kind.rawValue }.joined(separator: ", "))",
              missing: "Say where to ask questions (a chat channel, mailing list or issue tracker) in \(guide) or the README.",
              file: project.contributing ?? project.readme)
        check("licence", 5, passed: project.licence != nil,
              found: "Usage terms: \(project.licence ?? "")",
              missing: "Add a LICENSE file that says who may use the code and how (an internal-use notice is enough).")
        check("code-of-conduct", 0, passed: project.codeOfConduct != nil,
              found: "Code of conduct: \(project.codeOfConduct ?? "")",
              missing: "Optional: add a CODE_OF_CONDUCT.md.", optional: true)
        if let first = project.unfilledPlaceholders.first {
            let shown = project.unfilledPlaceholders.prefix(3).map { "`\($0.value)` (\($0.source?.description ?? ""))" }
            check("template-filled-in", 0, passed: false, found: "",
                  missing: "The template was not filled in: \(shown.joined(separator: ", ")) "
                      + (project.unfilledPlaceholders.count == 1 ? "is a placeholder" : "are placeholders")
                      + "; put the real team, people and channels there.",
                  optional: true, file: first.source?.file, line: first.source?.line)
        }
        if let history = project.history {
            let days = history.windowDays
            if let last = history.lastHumanCommit {
                check("recent-activity", 0, passed: history.harvestedAt - last < 365 * 86_400,
                      found: "Last human commit \(CalendarDay.string(from: last)); \(history.commits) commit(s) by \(history.authors) author(s) in the \(days) days before \(CalendarDay.string(from: history.harvestedAt))",
                      missing: "No human commit for a year (last on \(CalendarDay.string(from: last))): say in the README whether the project is still maintained.",
                      optional: true, file: project.readme)
            } else {
                // Bots alone (dependency updates) keep a repository busy, not maintained.
                check("recent-activity", 0, passed: false, found: "",
                      missing: "No human commit in the history read (\(days) days and the head commit), \(history.botCommits) by bots: say in the README whether the project is still maintained.",
                      optional: true, file: project.readme)
            }
            let accountable = project.accountable
            if !accountable.people.isEmpty {
                check("active-trusted-committers", 0, passed: accountable.active > 0,
                      found: accountable.summary(activeDays: project.activeDays),
                      missing: "No \(accountable.noun(1)) active in the last \(project.activeDays) days (none of the \(accountable.people.count) has committed since \(CalendarDay.string(from: history.harvestedAt - project.activeDays * 86_400))): name the people who review and merge now.",
                      optional: true, file: accountable.declared.first?.source.file)
            }
        } else if let activity = project.activity, let harvested = project.harvestedAt {
            let year = 365 * 24 * 3600
            check("recent-activity", 0, passed: harvested - activity.lastCommit < year,
                  found: "Last commit \(CalendarDay.string(from: activity.lastCommit)); \(activity.recentCommits) commit(s) by \(activity.recentAuthors) author(s) in the 90 days before \(CalendarDay.string(from: harvested))",
                  missing: "No commit for a year (last on \(CalendarDay.string(from: activity.lastCommit))): say in the README whether the project is still maintained.",
                  optional: true, file: project.readme)
        }
        let total = checks.filter { !$0.optional }.map(\.weight).reduce(0, +)
        let earned = checks.filter { !$0.optional && $0.passed }.map(\.weight).reduce(0, +)
        let score = total == 0 ? 0 : earned * 100 / total
        return Readiness(score: score, level: level(for: score), checks: checks)
    }

    static func level(for score: Int) -> Readiness.Level {
        switch score {
        case ..<30: .filingCabinet
        case ..<60: .documented
        case ..<85: .openToContributions
        default: .innerSourceReady
        }
    }

    private static func list(_ people: [Person]) -> String {
        people.prefix(5).map { $0.handle ?? $0.name ?? "" }.joined(separator: ", ") + (people.count > 5 ? ", …" : "")
    }

    private static func sourceSuffix(_ source: SourceLocation?) -> String {
        source.map { " (\($0))" } ?? ""
    }
}
