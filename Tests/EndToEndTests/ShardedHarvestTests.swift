import AtriumTestSupport
import Foundation
import Testing

/// A harvest split across CI jobs: `harvest --shard i/n --bundle FILE` in three site folders,
/// then `build --offline --from-bundles` in a fourth with no cache, against repositories on a
/// real `git daemon`. The site must be the one an unsharded build publishes.
@Suite struct ShardedHarvestTests {
    static let names = (1...7).map { "service-\($0)" }

    /// Seven remotes under one daemon, and a manifest naming them.
    func remotes() throws -> ([GitFixture], GitDaemon, TemporaryFolder) {
        var fixtures: [GitFixture] = []
        let served = try TemporaryFolder("served")
        for name in Self.names {
            let fixture = try GitFixture(name: name, files: [
                "README.md": "# \(name)\n\n\(name) answers questions about \(name).\n",
                "CONTRIBUTING.md": "# Contributing\n\nWe welcome bug reports.\n",
            ])
            try FileManager.default.copyItem(atPath: fixture.bare, toPath: served.path + "/\(name).git")
            fixtures.append(fixture)
        }
        return (fixtures, try GitDaemon(basePath: served.path), served)
    }

    func site(_ daemon: GitDaemon) throws -> TemporaryFolder {
        let site = try TemporaryFolder("site")
        try site.write("title: Sharded\nbaseURL: https://catalogue.acme.example/\n", to: "content/site.yml")
        try site.write("repositories:\n" + Self.names.map { "  - name: \($0)\n    url: \(daemon.url(for: "\($0).git"))\n" }.joined(),
                       to: "content/repositories.yml")
        return site
    }

    @Test func threeShardsGiveTheSiteOfOneBuild() throws {
        let (fixtures, daemon, served) = try remotes()
        defer { daemon.stop() }
        _ = (fixtures, served)
        let environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1767225600"]) { $1 }

        let whole = try site(daemon)
        #expect(try AtriumCommand.run(["build", "--site", whole.path, "--quiet"], environment: environment).status == 0)

        let artifacts = try TemporaryFolder("artifacts")
        var harvested: [String] = []
        for index in 1...3 {
            let job = try site(daemon)
            let result = try AtriumCommand.run(["harvest", "--site", job.path, "--shard", "\(index)/3",
                                                "--bundle", artifacts.path + "/shard-\(index).tar", "--format", "json"],
                                               environment: environment)
            #expect(result.status == 0, "\(result.errors)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let names = try #require(report["repositories"] as? [String])
            #expect(report["bundled"] as? Int == names.count)
            harvested += names
        }
        #expect(harvested.sorted() == Self.names.sorted(), "every remote in exactly one shard")

        daemon.stop()  // the build job reads only the bundles
        let build = try site(daemon)
        let bundles = (1...3).map { artifacts.path + "/shard-\($0).tar" }
        let result = try AtriumCommand.run(["build", "--site", build.path, "--offline", "--from-bundles"] + bundles,
                                           environment: environment)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errorLines.isEmpty, "\(result.errors)")
        #expect(result.output.contains("Published 7 projects"))
        #expect(tree(build.path + "/public") == tree(whole.path + "/public"), "byte-identical to the unsharded build")

        // A bundle cut short in transit (an artifact upload that stopped) is refused by name.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: bundles[0]))
        let cut = artifacts.path + "/cut.tar"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let fresh = try site(daemon)
        let refused = try AtriumCommand.run(["build", "--site", fresh.path, "--from-bundles", cut], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("error: load site: \(cut): truncated"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path + "/public"))
    }

    @Test func aDamagedBundleIsRefusedWithItsName() throws {
        let folder = try TemporaryFolder("bundles")
        let site = try TemporaryFolder("site")
        try site.write("repositories:\n  - name: a\n    url: https://git.acme.example/a.git\n", to: "content/repositories.yml")
        for (name, bytes) in [("garbage.tar", Array("not a tar".utf8) + [UInt8](repeating: 1, count: 600)),
                              ("empty.tar", [UInt8](repeating: 0, count: 1024))] {
            try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/" + name))
            let result = try AtriumCommand.run(["build", "--site", site.path, "--from-bundles", folder.path + "/" + name])
            #expect(result.status == 1)
            #expect(result.errors.contains("error: load site: \(folder.path)/\(name): "), "\(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: site.path + "/public"), "nothing published")
        }
    }
}
