public import AtriumModel
import Foundation

/// `atrium explain` and `atrium check` output: the JSON contract of DESIGN.md, and text for people.
public enum ProjectReport {
    // MARK: - JSON

    /// The explain JSON, keys sorted, every fact with its `source`.
    public static func json(_ project: Project) -> String {
        encode(ExplainJSON(project))
    }

    /// The same on one line, for the published API (a third of the bytes at 10,000 projects).
    public static func compactJSON(_ project: Project) -> String {
        encode(ExplainJSON(project), pretty: false)
    }

    /// The readiness report alone, as JSON, with the history's warnings.
    public static func readinessJSON(_ project: Project) -> String {
        var report = ReadinessJSON(project.readiness!, slug: project.slug)
        report.warnings = historyWarnings(project).map { WarningJSON(message: $0.message, file: $0.file, line: $0.line) }
        return encode(report)
    }

    // MARK: - History warnings

    /// What the history says the owners should fix, each on the file and line to fix: a review
    /// promise the measurement does not bear out, nobody accountable active, CODEOWNERS rules
    /// that match nothing or are overruled.
    public static func historyWarnings(_ project: Project) -> [Diagnostic] {
        guard let history = project.history else { return [] }
        var warnings: [Diagnostic] = []
        let review = ReviewMeasurement(project)
        if review.isBroken, let promise = project.reviewCommitment {
            warnings.append(.warning(file: promise.source.file, line: promise.source.line,
                                     "review promise not kept: \(review.summary ?? "")"))
        }
        let accountable = project.accountable
        if !accountable.people.isEmpty, accountable.active == 0 {
            let source = accountable.declared.first?.source
            let since = CalendarDay.string(from: history.harvestedAt - project.activeDays * 86_400)
            warnings.append(.warning(file: source?.file, line: source?.line,
                                     "no \(accountable.noun(1)) active in the last \(project.activeDays) days: none of the \(accountable.people.count) has committed since \(since)"))
        }
        for rule in history.codeowners?.unmatched ?? [] {
            let source = SourceLocation(parsing: rule.source)
            warnings.append(.warning(file: source.file, line: source.line,
                                     "CODEOWNERS rule `\(rule.pattern)` matches no file in the repository: fix the pattern or remove the rule"))
        }
        for rule in history.codeowners?.shadowed ?? [] {
            let source = SourceLocation(parsing: rule.source)
            warnings.append(.warning(file: source.file, line: source.line,
                                     "CODEOWNERS rule `\(rule.pattern)` has no effect: a later rule matches every file it matches (the last match wins); remove it or move it below"))
        }
        return warnings
    }

    private static func encode(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }

    // MARK: - Text

    public static func text(_ project: Project) -> String {
        var out = "\(project.name.value)  [\(project.slug)]\(suffix(project.name.source))\n"
        if let description = project.description {
            out += "  \(description.value)\(suffix(description.source))\n"
        }
        func section(_ title: String, _ lines: [String]) {
            out += "\n\(title)\n"
            out += lines.isEmpty ? "  (none found)\n" : lines.map { "  \($0)\n" }.joined()
        }
        section("Owners", project.owners.map(describe))
        section("Trusted Committers", project.trustedCommitters.map(describe))
        section("Accepts", project.accepts.map { "\($0.type.rawValue): \($0.text)\(suffix($0.source))" })
        section("Does not accept", project.doesNotAccept.map { "\($0.type.rawValue): \($0.text)\(suffix($0.source))" })
        section("Onboarding", project.onboarding.enumerated().map { index, step in
            let command = step.command.map { "\n      $ " + $0.replacingOccurrences(of: "\n", with: "\n      $ ") } ?? ""
            return "\(index + 1). \(step.text.isEmpty ? "(step)" : step.text)\(suffix(step.source))\(command)"
        })
        section("Review commitment", project.reviewCommitment.map {
            ["\($0.text)\($0.hours.map { " → \($0) hours" } ?? " (no number)")\(suffix($0.source))"]
        } ?? [])
        section("Channels", project.channels.map {
            "\($0.kind.rawValue): \([$0.name, $0.url].compactMap { $0 }.joined(separator: " "))\(suffix($0.source))"
        })
        section("Topics", project.topics.isEmpty ? [] : [project.topics.joined(separator: ", ")])
        if !project.notes.isEmpty { section("Notes", project.notes.map { "\($0.value)\(suffix($0.source))" }) }
        section("History", historyLines(project))
        out += "\n" + readinessText(project)
        return out
    }

    public static func readinessText(_ project: Project) -> String {
        guard let readiness = project.readiness else { return "" }
        var out = "Readiness: \(readiness.score)/100 — \(readiness.level.rawValue)\n"
        for check in readiness.checks {
            let mark = check.passed ? "✓" : (check.optional ? "–" : "✗")
            out += "  \(mark) \(check.id): \(check.message)\n"
        }
        return out
    }

    /// The history facts, briefly; "(not a git repository)" without one.
    static func historyLines(_ project: Project) -> [String] {
        guard let history = project.history else { return ["(not a git repository)"] }
        let latency = history.reviewLatency
        var lines = [
            history.lastHumanCommit.map { "Last human commit \(CalendarDay.string(from: $0))" } ?? "No human commit in the history read",
            "\(history.commits)\(history.isCapped ? "+" : "") commit\(history.commits == 1 ? "" : "s") by \(history.authors) author\(history.authors == 1 ? "" : "s"), "
                + "\(history.botCommits) by bots, in the last \(history.windowDays) days",
            "Review (\(latency.method)): " + (latency.medianHours.map { median in
                "median \(ReviewMeasurement.hours(median)), 90% within \(ReviewMeasurement.hours(latency.p90Hours ?? median)), over \(latency.merges) merges"
            } ?? "no merge measured") + (latency.unmeasuredMerges > 0 ? "; \(latency.unmeasuredMerges) not measured (squash or rebase)" : ""),
        ]
        if let line = ReviewMeasurement(project).line { lines.append(line) }
        let accountable = project.accountable
        if !accountable.people.isEmpty { lines.append(accountable.summary(activeDays: project.activeDays)) }
        lines += project.people.map { person in
            "\(person.handle): \(person.status.rawValue)\(person.lastCommit.map { ", last commit \(CalendarDay.string(from: $0))" } ?? "")"
        }
        lines += historyWarnings(project).filter { $0.message.hasPrefix("CODEOWNERS") }.map { warning in
            "\(warning.message)  ← \(warning.file ?? "")\(warning.line.map { ":\($0)" } ?? "")"
        }
        return lines
    }

    /// The history's warnings as text, one a line: `warning: .github/CODEOWNERS:4: …`.
    public static func historyWarningsText(_ project: Project) -> String {
        historyWarnings(project).map { "\($0.description)\n" }.joined()
    }

    /// GitHub Actions workflow commands: one warning per failed check, on the file to fix.
    public static func githubAnnotations(_ project: Project) -> String {
        guard let readiness = project.readiness else { return "" }
        return readiness.checks.filter { !$0.passed && !$0.optional }.map { check in
            var properties = ["title=\(escapeProperty("Atrium readiness: \(check.id)"))"]
            if let file = check.file { properties.insert("file=\(escapeProperty(file))", at: 0) }
            if let line = check.line { properties.insert("line=\(line)", at: 1) }
            return "::warning \(properties.joined(separator: ","))::\(escapeData(check.message))\n"
        }.joined() + historyWarnings(project).map { warning in
            var properties = ["title=\(escapeProperty("Atrium history"))"]
            if let file = warning.file { properties.insert("file=\(escapeProperty(file))", at: 0) }
            if let line = warning.line { properties.insert("line=\(line)", at: 1) }
            return "::warning \(properties.joined(separator: ","))::\(escapeData(warning.message))\n"
        }.joined()
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    private static func describe(_ person: Person) -> String {
        let who = [person.handle, person.name.map { person.handle == nil ? $0 : "(\($0))" }].compactMap { $0 }
        return "\(who.joined(separator: " ")) — \(person.kind.rawValue), \(person.role)\(suffix(person.source))"
    }

    private static func suffix(_ source: SourceLocation?) -> String {
        source.map { "  ← \($0)" } ?? ""
    }
}

// MARK: - The JSON contract

private struct ExplainJSON: Encodable {
    let project: Project

    init(_ project: Project) { self.project = project }

    enum Keys: String, CodingKey {
        case slug, name, description, sources, owners, trustedCommitters, accepts, doesNotAccept, onboarding
        case reviewCommitment, channels, topics, readiness, notes, files, history
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(project.slug, forKey: .slug)
        try container.encode(project.name.value, forKey: .name)
        try container.encode(project.description?.value, forKey: .description)
        var sources: [String: String] = [:]
        sources["name"] = project.name.source?.description
        sources["description"] = project.description?.source?.description
        try container.encode(sources, forKey: .sources)
        try container.encode(project.owners.map(PersonJSON.init), forKey: .owners)
        try container.encode(project.trustedCommitters.map(PersonJSON.init), forKey: .trustedCommitters)
        try container.encode(project.accepts.map(ContributionJSON.init), forKey: .accepts)
        try container.encode(project.doesNotAccept.map(ContributionJSON.init), forKey: .doesNotAccept)
        try container.encode(project.onboarding.map(StepJSON.init), forKey: .onboarding)
        try container.encode(project.reviewCommitment.map(ReviewJSON.init), forKey: .reviewCommitment)
        try container.encode(project.channels.map(ChannelJSON.init), forKey: .channels)
        try container.encode(project.topics, forKey: .topics)
        try container.encode(project.readiness.map { ReadinessJSON($0, slug: nil) }, forKey: .readiness)
        try container.encode(project.notes.map { NoteJSON(text: $0.value, source: $0.source?.description) }, forKey: .notes)
        try container.encode(project.files, forKey: .files)
        try container.encode(JSONNullable(project.history.map { HistoryExplanation(history: $0, people: project.people) }),
                             forKey: .history)
    }
}

private struct PersonJSON: Encodable {
    let handle: String?, name: String?, kind: String, role: String, source: String
    init(_ person: Person) {
        handle = person.handle
        name = person.name
        kind = person.kind.rawValue
        role = person.role
        source = person.source.description
    }
}

private struct ContributionJSON: Encodable {
    let type: String, text: String, source: String
    init(_ contribution: Contribution) {
        type = contribution.type.rawValue
        text = contribution.text
        source = contribution.source.description
    }
}

private struct StepJSON: Encodable {
    let text: String, command: JSONNullable<String>, source: String
    init(_ step: OnboardingStep) {
        text = step.text
        command = JSONNullable(step.command)
        source = step.source.description
    }
}

private struct ReviewJSON: Encodable {
    let text: String, hours: JSONNullable<Int>, source: String
    init(_ review: ReviewCommitment) {
        text = review.text
        hours = JSONNullable(review.hours)
        source = review.source.description
    }
}

private struct ChannelJSON: Encodable {
    let kind: String, name: JSONNullable<String>, url: JSONNullable<String>, source: String
    init(_ channel: Channel) {
        kind = channel.kind.rawValue
        name = JSONNullable(channel.name)
        url = JSONNullable(channel.url)
        source = channel.source.description
    }
}

private struct ReadinessJSON: Encodable {
    let slug: String?
    let score: Int
    let level: String
    let checks: [CheckJSON]
    /// `check`'s report only: the history's warnings.
    var warnings: [WarningJSON]?

    init(_ readiness: Readiness, slug: String?) {
        self.slug = slug
        score = readiness.score
        level = readiness.level.rawValue
        checks = readiness.checks.map(CheckJSON.init)
    }

    struct CheckJSON: Encodable {
        let id: String, passed: Bool, optional: Bool, weight: Int, message: String, file: String?
        init(_ check: Readiness.Check) {
            id = check.id
            passed = check.passed
            optional = check.optional
            weight = check.weight
            message = check.message
            file = check.file
        }
    }
}

private struct WarningJSON: Encodable {
    let message: String
    let file: String?
    let line: Int?
}

private struct NoteJSON: Encodable {
    let text: String
    let source: String?
}
