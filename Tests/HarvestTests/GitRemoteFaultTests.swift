import AtriumModel
import AtriumTestSupport
import Foundation
import Testing
@testable import Harvest

/// Remotes that fail the way real ones do, each a real server on 127.0.0.1 started and
/// stopped by the test: every failure is one clear message naming the repository and its URL
/// (never a credential), and the harvest returns.
@Suite struct GitRemoteFaultTests {
    func harvest(_ url: String, name: String = "remote", deadline: Duration = .seconds(20)) throws -> GitHarvester.Result {
        let cache = try TemporaryFolder()
        var settings = GitHarvester.Settings(cacheDirectory: cache.path, maxFileBytes: 1 << 20, now: 2_000_000_000)
        settings.deadline = deadline
        return GitHarvester(settings: settings).harvest(RepositorySource(name: name, location: .remote(url)), url: url)
    }

    @Test func gitDaemonServesARealRepository() throws {
        let fixture = try GitFixture(name: "ledger", files: ["README.md": "# Ledger\n\nBooks.\n"])
        let daemon = try GitDaemon(basePath: fixture.folder.path + "/remotes")
        defer { daemon.stop() }
        let result = try harvest(daemon.url(for: "ledger.git"))
        #expect(result.outcome == .fetched)
        #expect(result.snapshot?.file(.readme)?.text == "# Ledger\n\nBooks.\n")
    }

    @Test func missingRepositoryOnTheDaemon() throws {
        let fixture = try GitFixture(name: "ledger", files: ["README.md": "# Ledger\n"])
        let daemon = try GitDaemon(basePath: fixture.folder.path + "/remotes")
        defer { daemon.stop() }
        let url = daemon.url(for: "deleted.git")
        let result = try harvest(url)
        #expect(result.outcome == .failed)
        #expect(result.diagnostics.map(\.description) == [
            "error: remote: \(url): repository not found (deleted, renamed, or not readable)",
        ])
    }

    @Test func refusedConnection() throws {
        let port = try RefusingPort()
        let url = port.url(for: "ledger.git")
        let result = try harvest(url)
        #expect(result.diagnostics.map(\.description) == ["error: remote: \(url): connection refused"])
    }

    @Test func serverThatNeverAnswersTimesOut() throws {
        let server = try SilentServer()
        defer { server.stop() }
        let url = server.url(for: "ledger.git")
        let result = try harvest(url, deadline: .seconds(2))
        #expect(result.outcome == .failed)
        #expect(result.diagnostics.map(\.description) == ["error: remote: \(url): no answer within 2 s (timed out)"])
    }

    @Test func serverThatTricklesTimesOut() throws {
        let server = try TricklingServer(interval: 0.3)
        defer { server.stop() }
        let url = server.url(for: "ledger.git")
        // Long enough for git to start and connect on a loaded machine, so bytes do flow.
        let result = try harvest(url, deadline: .seconds(8))
        #expect(result.diagnostics.map(\.description) == ["error: remote: \(url): no answer within 8 s (timed out)"])
        #expect(server.bytesSent > 0)
    }

    @Test func authenticationRequiredAndCredentialsNeverShown() throws {
        let server = try HTTPAuthServer()
        defer { server.stop() }
        let url = server.url(for: "ledger.git").replacingOccurrences(of: "http://", with: "http://jdoe:s3cr3t-token@")
        let result = try harvest(url)
        let message = try #require(result.diagnostics.first?.description)
        #expect(message.contains("authentication required"))
        #expect(message.contains("http://***@127.0.0.1:\(server.port)/ledger.git"))
        #expect(!message.contains("s3cr3t"))
        #expect(!message.contains("jdoe"))
    }

    @Test func disallowedProtocolIsRefused() throws {
        let result = try harvest("ext::sh -c touch% /tmp/atrium-pwned")
        #expect(result.outcome == .failed)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/atrium-pwned"))
    }
}
