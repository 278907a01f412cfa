import ArgumentParser
import AtriumBuild
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new catalogue site in a folder, with a sample repository, ready to build.")

    @Argument(help: "The folder for the new site (created when missing; must be empty).")
    var directory: String

    @Flag(name: .long, help: "Add the starter files to a folder that is not empty, keeping every file there.")
    var force = false

    func run() throws {
        guard let starter = ThemeLocator.starterSite() else {
            printError("error: cannot find the starter site (Starter/); set ATRIUM_STARTER to its folder")
            throw ExitCode.failure
        }
        let result: SiteStarter.Result
        do {
            result = try SiteStarter.create(at: directory, from: starter, force: force)
        } catch {
            printError("error: init: \(error)")
            throw ExitCode.failure
        }
        for path in result.written { print("  created \(path)") }
        for path in result.kept { print("  kept    \(path) (already there)") }
        let site = directory.contains(" ") ? "'\(directory)'" : directory
        print("""

            A new catalogue in \(directory). Next:
              atrium build --site \(site)     # publishes it to \(directory)/public/
              atrium serve --site \(site)     # previews it on http://127.0.0.1:8000/ while you edit
            List your repositories in \(directory)/content/repositories.yml.
            """)
    }
}
