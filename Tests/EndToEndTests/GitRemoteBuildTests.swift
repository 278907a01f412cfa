import AtriumTestSupport
import Foundation
import Testing

/// `atrium build` and `atrium harvest` against repositories served by a real `git daemon` on
/// 127.0.0.1, as CI republishes the catalogue on every merge.
@Suite struct GitRemoteBuildTests {
    @Test func rebuildsFetchOnlyWhatChangedAndKeepTheLastGoodSnapshot() throws {
        let ledger = try GitFixture(name: "ledger", files: ["README.md": "# Ledger\n\nDouble-entry bookkeeping.\n"])
        let remotes = ledger.folder.path + "/remotes"
        let billing = try GitFixture(name: "billing", files: ["README.md": "# Billing\n\nInvoices for everyone.\n"])
        try FileManager.default.moveItem(atPath: billing.bare, toPath: remotes + "/billing.git")
        let daemon = try GitDaemon(basePath: remotes)
        defer { daemon.stop() }

        let site = try TemporaryFolder("site")
        try site.write("""
            defaults:
              web: "https://git.acme.example/{name}/blob/{ref}/{path}"
            repositories:
              - name: ledger
                url: \(daemon.url(for: "ledger.git"))
              - name: billing
                url: \(daemon.url(for: "billing.git"))
            """, to: "content/repositories.yml")
        let out = site.path + "/public"

        let first = try AtriumCommand.run(["build", "--site", site.path])
        #expect(first.status == 0)
        #expect(first.output.contains("Git remotes: 2 fetched"))
        #expect(read(out + "/projects/ledger/index.html").contains("Double-entry bookkeeping."))
        // Links back to the git server name the commit that was read.
        let commit = try GitFixture.git(["rev-parse", "HEAD"], in: ledger.work).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(read(out + "/projects/ledger/index.html").contains("https://git.acme.example/ledger/blob/\(commit)/README.md"))

        try ledger.commit(["README.md": "# Ledger\n\nNow in every currency.\n"], message: "docs")
        try ledger.push()
        let second = try AtriumCommand.run(["build", "--site", site.path])
        #expect(second.output.contains("Git remotes: 1 fetched, 1 unchanged"))
        #expect(read(out + "/projects/ledger/index.html").contains("Now in every currency."))

        // The server goes away: the catalogue is still published, from the last good snapshots.
        daemon.stop()
        let third = try AtriumCommand.run(["build", "--site", site.path])
        #expect(third.status == 0)
        #expect(third.output.contains("Git remotes: 2 stale"))
        #expect(third.errorLines.count == 2)
        #expect(third.errorLines.allSatisfy { $0.contains("showing the last good snapshot") })
        #expect(read(out + "/projects/billing/index.html").contains("shown from the last good snapshot"))

        // Strict: the failure fails the build, and what was published stays as it was.
        let before = tree(out)
        let strict = try AtriumCommand.run(["build", "--site", site.path, "--strict"])
        #expect(strict.status == 1)
        #expect(tree(out) == before)

        // Offline: from the cache, without a word about the network.
        let offline = try AtriumCommand.run(["build", "--site", site.path, "--offline"])
        #expect(offline.status == 0)
        #expect(offline.errorLines.isEmpty)
        #expect(read(out + "/projects/ledger/index.html").contains("Now in every currency."))
    }

    @Test func harvestRefreshesTheCacheOnly() throws {
        let ledger = try GitFixture(name: "ledger", files: ["README.md": "# Ledger\n\nBooks.\n"])
        let site = try TemporaryFolder("site")
        try site.write("- name: ledger\n  url: \(ledger.fileURL)\n", to: "manifest.yml")
        let harvest = try AtriumCommand.run(["harvest", "--site", site.path, "--manifest", site.path + "/manifest.yml"])
        #expect(harvest.status == 0)
        #expect(harvest.output == "Git remotes: 1 fetched\n")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/public"))
        let again = try AtriumCommand.run(["harvest", "--site", site.path, "--manifest", site.path + "/manifest.yml"])
        #expect(again.output == "Git remotes: 1 unchanged\n")
    }
}
