import ArgumentParser
import AtriumBuild
import AtriumModel
import Export
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what the catalogue knows of a repository in another tool's format.",
        subcommands: [BackstageExportCommand.self])
}

struct BackstageExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backstage",
        abstract: "A catalog-info.yaml (Backstage Component) for a repository that has none, filled in from its files.",
        discussion: "Each value carries a comment naming the file and line it was read from. Printed, or written with --output.")

    @Argument(help: "The repository folder.")
    var path: String

    @Option(name: .long, help: "Write the file here instead of printing it.")
    var output: String?

    @Option(name: .long, help: "Link template back to the git server, as `web:` in repositories.yml ({name}, {ref}, {path}).")
    var web: String?

    @Flag(name: .long, help: "Write one even when the repository has a catalog-info.yaml.")
    var force = false

    func run() throws {
        let result = Inspection.inspect(folder: path, webTemplate: web)
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        guard let project = result.project else { throw ExitCode.failure }
        if !force, let existing = result.files.first(where: { $0.kind == .backstageCatalog }) {
            printError("error: export backstage: \(path) has \(existing.path) already; its facts are in the catalogue "
                + "(pass --force to write one anyway)")
            throw ExitCode.failure
        }
        let yaml = BackstageExport.yaml(project, links: result.links)
        guard let output else {
            print(yaml, terminator: "")
            return
        }
        do {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            printError("error: export backstage: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
