import ArgumentParser
import AtriumBuild
import Foundation
import Interruption
import Preview

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the catalogue on 127.0.0.1, building again whenever its content, templates or local repositories change.",
        discussion: """
            The first build harvests as `atrium build` does; the ones after it read git remotes \
            from the harvest cache and redo only what changed. Open pages reload themselves after \
            each build. Ctrl-C stops the server.
            """)

    @Option(name: .long, help: "The site folder (holds content/ and, optionally, Templates/).")
    var site: String = "."

    @Option(name: .long, help: "Where to write the catalogue (default: public/ in the site folder).")
    var out: String?

    @Option(name: .long, help: "The port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8000

    @Option(name: .long, help: "Treat every sub-folder of this folder as a repository (repeatable).")
    var scan: [String] = []

    @Option(name: .long, help: "Read the repository list from this file, in the repositories.yml format (repeatable).")
    var manifest: [String] = []

    @Option(name: .long, help: "Seconds between looks for changes.")
    var interval: Double = 0.5

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard interval > 0 else { throw ValidationError("--interval must be more than 0") }
    }

    func run() async throws {
        guard let theme = ThemeLocator.defaultTheme() else {
            printError("error: cannot find the default theme (Templates/); set ATRIUM_THEME to its folder")
            throw ExitCode.failure
        }
        var request = BuildRequest(siteDirectory: site, outputDirectory: out, scanDirectories: scan, manifests: manifest,
                                   jobs: ProcessInfo.processInfo.activeProcessorCount, themeDirectory: theme)
        let siteFolder = URL(fileURLWithPath: site).standardizedFileURL.path
        let output = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? siteFolder + "/public"
        // The port first: a user learns it is taken before waiting for a build.
        let server: PreviewServer
        do {
            server = try PreviewServer(root: output, port: port)
        } catch {
            printError("error: serve: \(error)")
            throw ExitCode.failure
        }
        Interruption.stopping(message: "stopped", status: 0)
        guard await build(request, first: true) else { throw ExitCode.failure }
        server.published()
        print("Serving http://127.0.0.1:\(server.port)/ — Ctrl-C to stop")
        flush()
        request.offline = true
        let watcher: SourceWatcher
        do {
            watcher = SourceWatcher(folders: try CatalogueBuild.watchedFolders(request).map {
                SourceWatcher.Folder(path: $0.path, recursive: $0.recursive)
            })
        } catch {
            throw ErrorPresenter.present(error)
        }
        var seen = watcher.signature()
        while true {
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            let now = watcher.signature()
            guard now != seen else { continue }
            // An editor may write in steps: build once the files have stopped changing.
            try await Task.sleep(nanoseconds: 200_000_000)
            seen = watcher.signature()
            if await build(request, first: false) { server.published() }
        }
    }

    /// Builds and says what happened; false when the build failed (the last site stays served).
    private func build(_ request: BuildRequest, first: Bool) async -> Bool {
        let started = Date()
        let outcome: Result<BuildReport, BuildError>
        do throws(BuildError) {
            outcome = .success(try await CatalogueBuild.run(request))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let report):
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            print(first ? "Built \(report.projectCount) project(s) in \(seconds) s"
                        : "Rebuilt in \(seconds) s: made \(report.cache.rebuilt), reused \(report.cache.reused); "
                            + "\(report.files.written) file(s) written")
            flush()
            return true
        case .failure(let error):
            _ = ErrorPresenter.present(error)
            if !first { printError("the last good site is still served") }
            return false
        }
    }

    /// Lines reach a pipe (a test, a CI log) as they are printed.
    private func flush() {
        fflush(nil)
    }
}
