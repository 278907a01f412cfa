import AtriumTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) or a CI runner's SIGTERM in the middle of a build: the build exits at once
/// with 128 + the signal, no git process it started lives on, no staging folder is left, and
/// the published site is the one from before, whole.
@Suite struct InterruptionTests {
    /// A site whose public/ holds a finished catalogue of one local repository.
    func publishedSite() throws -> (site: TemporaryFolder, repos: TemporaryFolder, before: [String: Data]) {
        let site = try TemporaryFolder("site")
        let repos = try TemporaryFolder("repos")
        try repos.write("# Ledger\n\nBooks.\n", to: "ledger/README.md")
        try site.write("repositories:\n  - name: ledger\n    path: \(repos.path)/ledger\n", to: "content/repositories.yml")
        let first = try AtriumCommand.run(["build", "--site", site.path])
        #expect(first.status == 0)
        return (site, repos, tree(site.path + "/public"))
    }

    /// Processes whose command line mentions `marker`, from /proc.
    func processes(mentioning marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(marker) ? "\(pid): \(line)" : nil
        }
    }

    func stagingFolders(_ site: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []).filter { $0.contains(".staging-") }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedWhileGitRunsKillsItAndPublishesNothing(signal: Int32) throws {
        let (site, _, before) = try publishedSite()
        // Remotes that answer one byte a second: git is still talking to them when the signal comes.
        let server = try TricklingServer(interval: 1.0)
        defer { server.stop() }
        // Every git command of the build names its cache folder in the site.
        let marker = site.path + "/.atrium/cache"
        try site.write("""
            repositories:
              - name: slow-a
                url: \(server.url(for: "a.git"))
              - name: slow-b
                url: \(server.url(for: "b.git"))
            """, to: "content/repositories.yml")
        let build = try RunningProgram(Checkout.binary, ["build", "--site", site.path])
        #expect(eventually(within: 30) { server.acceptedConnections >= 2 }, "git never connected")
        #expect(!processes(mentioning: marker).isEmpty, "no git process to interrupt")
        kill(build.pid, signal)
        let result = try build.wait(timeout: .seconds(30))
        #expect(result.status == 128 + signal)
        #expect(result.errors.contains("interrupted; the published site was not changed"))
        #expect(eventually(within: 5) { processes(mentioning: marker).isEmpty },
                "left running: \(processes(mentioning: marker))")
        #expect(stagingFolders(site).isEmpty)
        #expect(tree(site.path + "/public") == before)
    }

    @Test func interruptedWhileWritingLeavesTheOldSiteWhole() throws {
        let (site, repos, before) = try publishedSite()
        for index in 0..<400 {
            try repos.write("# Service \(index)\n\nIt does thing number \(index).\n\n## Contributing\n\nPull requests welcome.\n",
                            to: "service-\(index)/README.md")
        }
        let build = try RunningProgram(Checkout.binary, ["build", "--site", site.path, "--scan", repos.path])
        #expect(eventually(within: 60) { !stagingFolders(site).isEmpty || !build.process.isRunning })
        kill(build.pid, SIGTERM)
        let result = try build.wait(timeout: .seconds(30))
        #expect(stagingFolders(site).isEmpty)
        let after = tree(site.path + "/public")
        if result.status == 0 {
            // The build won the race and finished: then the new site is there, whole.
            #expect(after.keys.contains("projects/service-399/index.html"))
        } else {
            #expect(result.status == 128 + SIGTERM)
            #expect(after == before)
        }
    }
}
