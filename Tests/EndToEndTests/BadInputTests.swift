import AtriumTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Repositories written by someone else: each problem is one clear line naming the repository
/// and the file, and the rest of the catalogue is still published.
@Suite struct BadInputTests {
    /// A site with a small size limit and a folder of repositories, one problem each.
    func makeSite() throws -> (site: TemporaryFolder, repos: TemporaryFolder, outside: TemporaryFolder) {
        let site = try TemporaryFolder("site")
        try site.write("title: Bad input\nlimits:\n  maxFileBytes: 4096\n", to: "content/site.yml")
        let repos = try TemporaryFolder("repos")
        let outside = try TemporaryFolder("outside")
        try outside.write("# Private\n\nSalaries.\n", to: "private.md")

        try repos.write("# Good\n\nA perfectly ordinary repository with a README.\n", to: "good/README.md")
        try repos.write("Only rules here.\n", to: "no-readme/CONTRIBUTING.md")
        try repos.write(Array("# Latin\n\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8), to: "latin1/README.md")
        try repos.write("# Huge\n\nThe guide is too big.\n", to: "huge/README.md")
        try repos.write(String(repeating: "All work and no play. ", count: 400), to: "huge/CONTRIBUTING.md")
        try repos.write("# Sneaky\n\nLinks out.\n", to: "sneaky/README.md")
        try repos.link("sneaky/CONTRIBUTING.md", to: outside.path + "/private.md")
        try repos.write("ignored", to: ".hidden/README.md")
        return (site, repos, outside)
    }

    @Test func eachProblemIsOneLineAndTheRestIsPublished() throws {
        let (site, repos, outside) = try makeSite()
        _ = outside
        let out = site.path + "/public"
        let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path])
        #expect(result.status == 0)
        #expect(result.errorLines == [
            "error: huge: CONTRIBUTING.md: file is 8800 bytes, over the 4096-byte limit; not read",
            "warning: latin1: README.md:3: not valid UTF-8; bad bytes are shown as replacement characters",
            "warning: no-readme: no README found; the catalogue shows the repository without a description",
            "error: sneaky: CONTRIBUTING.md: symbolic link points outside the repository; not followed",
        ])
        #expect(result.output.hasPrefix("Published 5 projects to \(out)"))
        for slug in ["good", "no-readme", "latin1", "huge", "sneaky"] {
            #expect(FileManager.default.fileExists(atPath: out + "/projects/\(slug)/index.html"), "\(slug)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/projects/hidden"))
        #expect(!read(out + "/projects/sneaky/index.html").contains("Salaries"))
        #expect(read(out + "/projects/latin1/index.html").contains("Caf\u{FFFD} au lait."))
    }

    /// A README that is a FIFO used to hang the build for good (a plain open waits for a
    /// writer); a folder named like a README was silently skipped.
    @Test func filesThatAreNotFilesAreOneLineEachAndTheBuildGoesOn() throws {
        let site = try TemporaryFolder("site")
        let repos = try TemporaryFolder("repos")
        try repos.write("# Good\n\nFine.\n", to: "good/README.md")
        try FileManager.default.createDirectory(atPath: repos.path + "/piped", withIntermediateDirectories: true)
        #expect(mkfifo(repos.path + "/piped/README.md", 0o644) == 0)
        try repos.write("# Folder\n\nIts guide is a folder.\n", to: "folder/README.md")
        try FileManager.default.createDirectory(atPath: repos.path + "/folder/CONTRIBUTING.md", withIntermediateDirectories: true)
        let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path], timeout: .seconds(60))
        #expect(result.status == 0)
        #expect(result.errorLines == [
            "error: folder: CONTRIBUTING.md: a folder, not a regular file; not read",
            "error: piped: README.md: a FIFO (named pipe), not a regular file; not read",
        ])
        #expect(result.output.hasPrefix("Published 3 projects"))
    }

    @Test func strictFailsOnAnyOfThemAndPublishesNothing() throws {
        let (site, repos, outside) = try makeSite()
        _ = outside
        let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path, "--strict"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 5)
        #expect(!FileManager.default.fileExists(atPath: site.path + "/public"))
    }

    @Test(arguments: [
        ["build", "--jobs", "0"],
        ["build", "--no-such-option"],
        ["frobnicate"],
        ["build", "--site"],
    ])
    func usageErrorsExitWithTwo(arguments: [String]) throws {
        let result = try AtriumCommand.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(!result.errors.isEmpty)
    }

    @Test func refusesToOverwriteAFolderItDidNotWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write("keep me", to: "home/notes.txt")
        let result = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", folder.path + "/home"])
        #expect(result.status == 1)
        #expect(result.errors.contains("was not written by atrium; refusing to replace it"))
        #expect(read(folder.path + "/home/notes.txt") == "keep me")
    }

    @Test func aBrokenRepositoryListFailsTheBuildWithFileAndLine() throws {
        let site = try TemporaryFolder("site")
        try site.write("repositories:\n  - name: a\n    path: a\n  - name: b\n", to: "content/repositories.yml")
        let result = try AtriumCommand.run(["build", "--site", site.path])
        #expect(result.status == 1)
        #expect(result.errorLines.last == "error: load site: \(site.path)/content/repositories.yml:4: a repository needs a `path` or a `url`")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/public"))
    }
}

/// A catalogue with nothing in it yet is still a site: a home page that says so, an empty index.
@Suite struct EmptyCatalogueTests {
    @Test func noRepositoriesPublishesAnEmptyCatalogue() throws {
        let site = try TemporaryFolder("site")
        let repos = try TemporaryFolder("repos")
        let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Published 0 projects"))
        let out = site.path + "/public"
        #expect(read(out + "/index.html").contains("Search 0 projects"))
        #expect(read(out + "/search/shards.json") == "{\"chunkSize\":8,\"documents\":0,\"format\":2,\"shards\":[]}")
        #expect(FileManager.default.fileExists(atPath: out + "/all/index.html"))
    }

    @Test func anEmptyReadmeIsReadWithoutADescription() throws {
        let repos = try TemporaryFolder("repos")
        try repos.write("", to: "blank/README.md")
        let explain = try AtriumCommand.run(["explain", repos.path + "/blank", "--format", "json"])
        #expect(explain.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(explain.output.utf8)) as? [String: Any])
        #expect(json["name"] as? String == "blank")
        #expect(json["description"] is NSNull)
    }
}
