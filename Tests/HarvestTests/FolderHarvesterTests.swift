import AtriumModel
import AtriumTestSupport
import Foundation
import Harvest
import SafeFiles
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct FolderHarvesterTests {
    let harvester = FolderHarvester(maxFileBytes: 1 << 20)

    func harvest(_ folder: TemporaryFolder, name: String = "repo") -> FolderHarvester.Result {
        harvester.harvest(RepositorySource(name: name, location: .folder(folder.path)), folder: folder.path)
    }

    @Test func readsDocumentationFilesFromTheRootAndTheHostingFolders() throws {
        let repo = try TemporaryFolder()
        try repo.write("# Demo\n", to: "README.md")
        try repo.write("Be kind.\n", to: ".github/CONTRIBUTING.md")
        try repo.write("* @acme/team\n", to: "docs/CODEOWNERS")
        try repo.write("{\"title\": \"Demo\"}", to: "innersource.json")
        try repo.write("print(1)\n", to: "main.py")
        try repo.write("not read\n", to: "src/README.md")

        let result = harvest(repo)
        let snapshot = try #require(result.snapshot)
        #expect(snapshot.files.map(\.path) == [".github/CONTRIBUTING.md", "README.md", "docs/CODEOWNERS", "innersource.json"])
        #expect(snapshot.file(.contributing)?.text == "Be kind.\n")
        #expect(snapshot.file(.codeowners)?.path == "docs/CODEOWNERS")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func rootFilesWinOverHostingFolders() throws {
        let repo = try TemporaryFolder()
        try repo.write("root\n", to: "CONTRIBUTING.md")
        try repo.write("github\n", to: ".github/CONTRIBUTING.md")
        try repo.write("# Demo\n", to: "README.md")
        let snapshot = try #require(harvest(repo).snapshot)
        #expect(snapshot.file(.contributing)?.path == "CONTRIBUTING.md")
    }

    @Test func symbolicLinkOutOfTheRepositoryIsNeverFollowed() throws {
        let outside = try TemporaryFolder("outside")
        let secret = try outside.write("TOP SECRET\n", to: "secret.md")
        let repo = try TemporaryFolder()
        try repo.write("# Demo\n", to: "README.md")
        try repo.link("CONTRIBUTING.md", to: secret)
        try repo.link(".github", to: outside.path)

        let result = harvest(repo, name: "leaky")
        let snapshot = try #require(result.snapshot)
        #expect(snapshot.files.map(\.path) == ["README.md"])
        #expect(!snapshot.files.contains { $0.text.contains("TOP SECRET") })
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("error: leaky: CONTRIBUTING.md: symbolic link points outside the repository; not followed"))
        #expect(messages.contains("error: leaky: .github: symbolic link points outside the repository; not followed"))
    }

    @Test func symbolicLinkInsideTheRepositoryIsFollowed() throws {
        let repo = try TemporaryFolder()
        try repo.write("# Demo\n\nReal text.\n", to: "docs/overview.md")
        try repo.link("README.md", to: "docs/overview.md")
        let result = harvest(repo)
        #expect(result.snapshot?.file(.readme)?.text == "# Demo\n\nReal text.\n")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func fileOverTheSizeLimitIsRefusedWithItsSize() throws {
        let repo = try TemporaryFolder()
        try repo.write("# Demo\n", to: "README.md")
        try repo.write(String(repeating: "x", count: 2048), to: "CONTRIBUTING.md")
        let small = FolderHarvester(maxFileBytes: 1024)
        let result = small.harvest(RepositorySource(name: "big", location: .folder(repo.path)), folder: repo.path)
        #expect(result.snapshot?.file(.contributing) == nil)
        #expect(result.diagnostics.map(\.description) == [
            "error: big: CONTRIBUTING.md: file is 2048 bytes, over the 1024-byte limit; not read",
        ])
    }

    @Test func missingReadmeIsReportedButTheRepositoryIsKept() throws {
        let repo = try TemporaryFolder()
        try repo.write("Rules.\n", to: "CONTRIBUTING.md")
        let result = harvest(repo, name: "bare")
        #expect(result.snapshot?.files.count == 1)
        #expect(result.diagnostics.map(\.description) == [
            "warning: bare: no README found; the catalogue shows the repository without a description",
        ])
    }

    @Test func invalidUTF8IsReadWithAWarningNamingFileAndLine() throws {
        let repo = try TemporaryFolder()
        try repo.write(Array("# Café\n\nCaf".utf8) + [0xE9] + Array("\n".utf8), to: "README.md")
        let result = harvest(repo, name: "latin")
        #expect(result.snapshot?.file(.readme)?.text == "# Café\n\nCaf\u{FFFD}\n")
        #expect(result.diagnostics.map(\.description) == [
            "warning: latin: README.md:3: not valid UTF-8; bad bytes are shown as replacement characters",
        ])
    }

    @Test func missingFolderIsAnError() {
        let result = harvester.harvest(RepositorySource(name: "gone", location: .folder("/nonexistent/gone")),
                                       folder: "/nonexistent/gone")
        #expect(result.snapshot == nil)
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.repository == "gone")
    }

    /// Files that are not files: each is refused with one line saying what it is, and nothing
    /// blocks (a FIFO opened for a plain read waits for a writer forever).
    @Test func fifoFolderDeviceAndSocketAreRefusedWithoutBlocking() throws {
        let repo = try TemporaryFolder()
        #expect(mkfifo(repo.path + "/README.md", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: repo.path + "/CONTRIBUTING.md", withIntermediateDirectories: true)
        let socket = try UnixSocket(path: repo.path + "/CODEOWNERS")
        defer { socket.close() }
        var expected = [
            "error: repo: CODEOWNERS: a socket or device, not a regular file; not read",
            "error: repo: CONTRIBUTING.md: a folder, not a regular file; not read",
            "error: repo: README.md: a FIFO (named pipe), not a regular file; not read",
        ]
        // A device node needs the right to make one (root, outside most containers' limits).
        // 1:3 is what /dev/null is.
        if mknod(repo.path + "/MAINTAINERS", S_IFCHR | 0o644, dev_t(1 << 8 | 3)) == 0 {
            expected.insert("error: repo: MAINTAINERS: a character device, not a regular file; not read", at: 2)
        }
        let result = harvest(repo)
        #expect(result.diagnostics.map(\.description) == expected)
        #expect(result.snapshot?.files.isEmpty == true)
    }

    @Test func regularFileRefusesALinkInItsLastComponent() throws {
        let repo = try TemporaryFolder()
        try repo.write("# Real\n", to: "real.md")
        try repo.link("README.md", to: repo.path + "/real.md")
        #expect(RegularFile.read(repo.path + "/README.md", limit: 100) == .failure(.symbolicLink))
        #expect(RegularFile.read(repo.path + "/README.md", limit: 100, followingLinks: true) == .success(Array("# Real\n".utf8)))
        #expect(RegularFile.read(repo.path + "/real.md", limit: 3) == .failure(.tooLarge(size: 7, limit: 3)))
        #expect(RegularFile.read(repo.path + "/gone.md", limit: 3) == .failure(.missing))
        try repo.write("", to: "empty.md")
        #expect(RegularFile.read(repo.path + "/empty.md", limit: 0) == .success([]))
        #expect(RegularFile.read(repo.path, limit: 100) == .failure(.notRegular(kind: "a folder")))
    }

    @Test(Shared.needs("corpus/real")) func readsTheRealWorldCorpus() throws {
        // Real files in their real places: .gitlab/CODEOWNERS, .github/CONTRIBUTING.md, reST.
        let expectations: [(String, DocumentKind, String)] = [
            ("NVIDIA--warp", .codeowners, ".gitlab/CODEOWNERS"),
            ("django--django", .readme, "README.rst"),
            ("django--django", .contributing, "CONTRIBUTING.rst"),
            ("kubernetes-sigs--kind", .ownersAliases, "OWNERS_ALIASES"),
            ("avelino--awesome-go", .maintainers, "MAINTAINERS"),
            ("SAP--crossplane-provider-cloudfoundry", .innersourceMetadata, "innersource.json"),
            ("backstage--backstage", .backstageCatalog, "catalog-info.yaml"),
            ("italia--developers-italia-api", .publiccode, "publiccode.yml"),
        ]
        for (folder, kind, path) in expectations {
            let root = Checkout.realCorpus + "/" + folder
            let result = harvester.harvest(RepositorySource(name: folder, location: .folder(root)), folder: root)
            #expect(result.snapshot?.file(kind)?.path == path, "\(folder)")
        }
    }
}

@Suite struct SlugTests {
    @Test func aNameThatIsAlreadyASlugKeepsIt() {
        let slugs = Slug.assign(to: ["Payments SDK", "payments-sdk", "Foo-Bar", "FOO BAR", "foo-bar-2", "assets"],
                                reserved: ["assets"])
        #expect(slugs["payments-sdk"] == "payments-sdk")
        #expect(slugs["Payments SDK"] == "payments-sdk-2")
        #expect(slugs["foo-bar-2"] == "foo-bar-2")
        #expect(Set(slugs.values).count == 6)
        #expect(slugs["assets"] == "assets-2")
    }

    @Test func githubReadsCodeownersFromDotGithubFirst() {
        let snapshot = RepositorySnapshot(source: RepositorySource(name: "r", location: .folder("/x")), files: [
            RepositoryFile(path: "CODEOWNERS", kind: .codeowners, text: "* @root"),
            RepositoryFile(path: ".github/CODEOWNERS", kind: .codeowners, text: "* @github"),
            RepositoryFile(path: "README.md", kind: .readme, text: "# R"),
            RepositoryFile(path: ".github/README.md", kind: .readme, text: "# G"),
        ])
        #expect(snapshot.file(.codeowners)?.path == ".github/CODEOWNERS")
        #expect(snapshot.file(.readme)?.path == "README.md")
    }
}
