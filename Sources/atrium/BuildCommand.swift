import ArgumentParser
import AtriumBuild
import AtriumModel
import Foundation

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Harvest every repository and publish the catalogue.",
        discussion: """
            Reads content/site.yml and content/repositories.yml of the site folder, or the \
            repositories given by --scan and --manifest, and writes the catalogue to the \
            output folder in one step: a failed build leaves the previous output as it was.
            """)

    @Option(name: .long, help: "The site folder (holds content/ and, optionally, Templates/).")
    var site: String = "."

    @Option(name: .long, help: "Where to write the catalogue (default: public/ in the site folder).")
    var out: String?

    @Option(name: .long, help: "Treat every sub-folder of this folder as a repository (repeatable).")
    var scan: [String] = []

    @Option(name: .long, help: "Read the repository list from this file, in the repositories.yml format (repeatable).")
    var manifest: [String] = []

    @Flag(name: .long, help: "Fail the build, publishing nothing, if any repository has a problem.")
    var strict = false

    @Option(name: .long, help: "How many repositories to process at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Build from the harvest cache (.atrium/cache) without contacting git remotes.")
    var offline = false

    @Option(name: .customLong("from-bundles"), parsing: .upToNextOption,
            help: "Snapshot bundles of `atrium harvest --bundle` (one per shard) to build from; implies --offline.")
    var fromBundles: [String] = []

    @Flag(name: .long, help: "Print only problems, not the summary or progress.")
    var quiet = false

    @Option(name: .long, help: "The report: text, or json (counts, diagnostics, per-step seconds) on stdout.")
    var format: OutputFormat = .text

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        guard let theme = ThemeLocator.defaultTheme() else {
            printError("error: cannot find the default theme (Templates/); set ATRIUM_THEME to its folder")
            throw ExitCode.failure
        }
        var request = BuildRequest(siteDirectory: site, outputDirectory: out, scanDirectories: scan,
                                   manifests: manifest, strict: strict, jobs: jobs, themeDirectory: theme)
        request.offline = offline || !fromBundles.isEmpty
        request.bundles = fromBundles
        let progress = TerminalProgress.forStandardOutput(enabled: !quiet && format == .text)
        do {
            let report = try await CatalogueBuild.run(request, progress: progress?.progress ?? .silent)
            progress?.clear()
            for problem in report.cache.problems { printError("warning: \(problem)") }
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            switch format {
            case .json:
                print(BuildReportJSON.text(report))
            case .text where !quiet:
                let problems = report.diagnostics.isEmpty ? "" : " (\(report.diagnostics.count) problem(s) reported above)"
                print("Published \(report.projectCount) \(report.projectCount == 1 ? "project" : "projects") to \(report.outputDirectory)\(problems)")
                print("Reused \(report.cache.reused) unchanged, made \(report.cache.rebuilt); "
                      + "\(report.files.written) files written, \(report.files.kept) kept")
                if !report.harvest.isEmpty { print("Git remotes: " + HarvestSummary.text(report.harvest)) }
            case .text:
                break
            }
        } catch {
            progress?.clear()
            throw ErrorPresenter.present(error)
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Refresh the harvest cache from the git remotes; publish nothing.",
        discussion: "An unchanged repository costs one `git ls-remote`. `atrium build --offline` then builds from the cache.")

    @Option(name: .long, help: "The site folder (holds content/).")
    var site: String = "."

    @Option(name: .long, help: "Read the repository list from this file, in the repositories.yml format (repeatable).")
    var manifest: [String] = []

    @Option(name: .long, help: "How many repositories to fetch at once (default: four per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount * 4

    @Flag(name: .long, help: "Exit 1 if any repository could not be harvested.")
    var strict = false

    @Option(name: .long, help: "Harvest only part i of n of the remotes (1/3, 2/3, 3/3), for a CI matrix.")
    var shard: String?

    @Option(name: .long, help: "Write the harvested snapshots to this file, for `atrium build --from-bundles`.")
    var bundle: String?

    @Option(name: .long, help: "The report: text, or json (outcomes, diagnostics, repositories) on stdout.")
    var format: OutputFormat = .text

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, CatalogueHarvest.Shard(shard) == nil {
            throw ValidationError("--shard is i/n with 1 <= i <= n, such as 2/3")
        }
    }

    func run() async throws {
        let report: CatalogueHarvest.Report
        do {
            report = try await CatalogueHarvest.run(siteDirectory: site, manifests: manifest, jobs: jobs,
                                                    shard: shard.flatMap(CatalogueHarvest.Shard.init), bundle: bundle)
        } catch {
            throw ErrorPresenter.present(error)
        }
        for diagnostic in report.diagnostics { printError(diagnostic.description) }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            let part = shard.map { " (shard \($0): \(report.repositories.count) of them)" } ?? ""
            print("Git remotes\(part): " + HarvestSummary.text(report.outcomes))
            if let bundle, let count = report.bundled { print("Wrote \(count) snapshot(s) to \(bundle)") }
        }
        if strict && !report.diagnostics.isEmpty { throw ExitCode.failure }
    }
}

enum HarvestSummary {
    /// "3 fetched, 120 unchanged, 1 stale (last good snapshot), 1 failed"
    static func text(_ outcomes: [String: Int]) -> String {
        let order = ["fetched", "unchanged", "cached", "stale", "failed"]
        return order.compactMap { key in
            outcomes[key].map { "\($0) \(key)\(key == "stale" ? " (last good snapshot shown)" : "")" }
        }.joined(separator: ", ")
    }
}
