import ArgumentParser
import AtriumBuild
import AtriumModel
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// What `explain` and `check` take: one repository folder and how to report on it.
struct InspectOptions: ParsableArguments {
    @Argument(help: "The repository folder.")
    var path: String

    @Option(name: .long, help: "text for people, json for tools (a stable contract).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Files larger than this are refused, not read.")
    var maxFileBytes: Int = 1 << 20

    @Option(name: .long, help: "Days of git history read (as history.days in site.yml).")
    var historyDays = 365

    @Option(name: .long, help: "A person with a commit in this many days is active (as history.activeDays).")
    var activeDays = 180

    func validate() throws {
        for (name, days) in [("--history-days", historyDays), ("--active-days", activeDays)] where !(1...3650).contains(days) {
            throw ValidationError("\(name) must be a whole number of days from 1 to 3650")
        }
    }

    /// Reads the repository and prints its problems; nil when it cannot be read at all.
    func project() -> Project? {
        let result = Inspection.inspect(folder: path, maxFileBytes: maxFileBytes,
                                        history: SiteConfiguration.History(days: historyDays, activeDays: activeDays))
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        return result.project
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what the catalogue extracts from one repository folder, with where each fact was read.")

    @OptionGroup var options: InspectOptions

    func run() throws {
        guard let project = options.project() else { throw ExitCode.failure }
        print(options.format == .json ? ProjectReport.json(project) : ProjectReport.text(project), terminator: "")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report how InnerSource-ready one repository is; exit 1 when below the bar.",
        discussion: "Inside GitHub Actions (GITHUB_ACTIONS=true) each failed check is also printed as a ::warning annotation on the file to fix.")

    @OptionGroup var options: InspectOptions

    @Option(name: .long, help: "The lowest readiness score (0-100) that passes.")
    var minScore: Int = 60

    func validate() throws {
        guard (0...100).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 100") }
    }

    func run() throws {
        guard let project = options.project(), let readiness = project.readiness else { throw ExitCode.failure }
        print(options.format == .json ? ProjectReport.readinessJSON(project)
                  : ProjectReport.readinessText(project) + ProjectReport.historyWarningsText(project),
              terminator: "")
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
            print(ProjectReport.githubAnnotations(project), terminator: "")
        }
        if readiness.score < minScore {
            if options.format == .text { printError("below the bar: \(readiness.score) < \(minScore)") }
            throw ExitCode.failure
        }
    }
}
