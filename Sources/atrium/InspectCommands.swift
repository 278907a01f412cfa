import ArgumentParser
import AtriumBuild
import AtriumModel
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what the catalogue extracts from one repository folder, with where each fact was read.")

    @Argument(help: "The repository folder.")
    var path: String

    @Option(name: .long, help: "text for people, json for tools (a stable contract).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Files larger than this are refused, not read.")
    var maxFileBytes: Int = 1 << 20

    func run() throws {
        let result = Inspection.inspect(folder: path, maxFileBytes: maxFileBytes)
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        guard let project = result.project else { throw ExitCode.failure }
        print(format == .json ? ProjectReport.json(project) : ProjectReport.text(project), terminator: "")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report how InnerSource-ready one repository is; exit 1 when below the bar.",
        discussion: "Inside GitHub Actions (GITHUB_ACTIONS=true) each failed check is also printed as a ::warning annotation on the file to fix.")

    @Argument(help: "The repository folder.")
    var path: String

    @Option(name: .long, help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "The lowest readiness score (0-100) that passes.")
    var minScore: Int = 60

    @Option(name: .long, help: "Files larger than this are refused, not read.")
    var maxFileBytes: Int = 1 << 20

    func validate() throws {
        guard (0...100).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 100") }
    }

    func run() throws {
        let result = Inspection.inspect(folder: path, maxFileBytes: maxFileBytes)
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        guard let project = result.project, let readiness = project.readiness else { throw ExitCode.failure }
        print(format == .json ? ProjectReport.readinessJSON(project) : ProjectReport.readinessText(project),
              terminator: "")
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
            print(ProjectReport.githubAnnotations(project), terminator: "")
        }
        if readiness.score < minScore {
            if format == .text { printError("below the bar: \(readiness.score) < \(minScore)") }
            throw ExitCode.failure
        }
    }
}
