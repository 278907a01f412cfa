import AtriumTestSupport
import Foundation
import Testing

/// Promises the README makes about every published site, checked on real builds.
@Suite struct PublishedSiteTests {
    static let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' https: data:; "
        + "style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'\">"

    @Test func everyPublishedPageCarriesTheContentSecurityPolicy() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        #expect(try AtriumCommand.run(["build", "--site", Checkout.root, "--out", out]).status == 0)
        let pages = tree(out).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 20)
        for (path, bytes) in pages.sorted(by: { $0.key < $1.key }) {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.components(separatedBy: Self.policy).count == 2, "\(path) has no (or more than one) CSP")
            // Before anything that could load: the policy is the first thing in <head>'s metadata.
            let policyAt = html.range(of: Self.policy)?.lowerBound
            let firstLoad = ["<link", "<script", "<img"].compactMap { html.range(of: $0)?.lowerBound }.min()
            if let policyAt, let firstLoad { #expect(policyAt < firstLoad, "\(path): something loads before the CSP") }
        }
    }

    /// `markdown.rawHTML: omit` in site.yml drops raw HTML, where the default sanitises it.
    @Test func rawHTMLOmitDropsWhatSanitizeKeeps() throws {
        let repos = try TemporaryFolder("repos")
        try repos.write("""
            # Widget

            A widget for everyone.

            <details><summary>Build notes</summary>Run the build twice.</details>

            <img src="https://img.acme.example/logo.png" alt="Logo" onerror="alert(1)">

            Plain **Markdown** stays.
            """, to: "widget/README.md")
        func page(rawHTML: String?) throws -> String {
            let site = try TemporaryFolder("site")
            try site.write("title: Raw\n" + (rawHTML.map { "markdown:\n  rawHTML: \($0)\n" } ?? ""), to: "content/site.yml")
            let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path])
            #expect(result.status == 0, "\(result.errors)")
            return read(site.path + "/public/projects/widget/index.html")
        }
        let sanitized = try page(rawHTML: nil)
        #expect(sanitized.contains("<details><summary>Build notes</summary>Run the build twice.</details>"))
        #expect(sanitized.contains("<img src=\"https://img.acme.example/logo.png\" alt=\"Logo\">"))
        let omitted = try page(rawHTML: "omit")
        #expect(!omitted.contains("<details"))
        #expect(!omitted.contains("logo.png"))
        #expect(omitted.contains("<!-- raw HTML omitted -->"))
        #expect(omitted.contains("Plain <strong>Markdown</strong> stays."))
        for html in [sanitized, omitted] { #expect(!html.contains("onerror")) }
    }
}

/// Same input, byte-identical `public/`, for a catalogue harvested from git remotes, whatever
/// the machine's time zone, locale (Turkish, where `I` lower-cases to a dotless `ı`), umask
/// and number of jobs.
@Suite struct ReproducibleBuildTests {
    /// A Turkish locale for glibc in `folder`, when this machine can make one.
    func turkishLocale(in folder: TemporaryFolder) -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/localedef"),
              let made = try? runProgram("/usr/bin/localedef", ["-i", "tr_TR", "-f", "UTF-8", folder.path + "/tr_TR.UTF-8"],
                                         timeout: .seconds(60)),
              made.status == 0 else { return nil }
        return folder.path
    }

    @Test func gitHarvestedCatalogueIsTheSameEverywhere() throws {
        let names = ["Ledger", "Invoices", "İzmir Gateway"]
        var fixtures: [GitFixture] = []
        for (index, name) in names.enumerated() {
            let slug = "repo-\(index)"
            let fixture = try GitFixture(name: slug, files: [
                "README.md": "# \(name)\n\nINDEX and TITLE in CAPITALS; Istanbul, ISTANBUL, ıi.\n\n## Contributing\n\nPull requests welcome.\n",
                "CODEOWNERS": "* @acme/TEAM-\(index)\n",
            ])
            try fixture.commit(["CONTRIBUTING.md": "We review within 2 days.\n"], message: "guide", author: "Ïsmail@acme.example")
            try fixture.push()
            fixtures.append(fixture)
        }
        let remotes = try TemporaryFolder("remotes")
        for fixture in fixtures {
            try FileManager.default.copyItem(atPath: fixture.bare, toPath: remotes.path + "/\(fixture.name).git")
        }
        let daemon = try GitDaemon(basePath: remotes.path)
        defer { daemon.stop() }
        let manifest = "repositories:\n" + fixtures.map { "  - name: \($0.name)\n    url: \(daemon.url(for: $0.name + ".git"))\n" }.joined()
        let locales = try TemporaryFolder("locales")
        let turkish = turkishLocale(in: locales)

        func build(timeZone: String, locale: String, umask: String, jobs: Int) throws -> [String: Data] {
            let site = try TemporaryFolder("site")
            try site.write(manifest, to: "content/repositories.yml")
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "1900000000"
            environment["TZ"] = timeZone
            environment["LANG"] = locale
            environment["LC_ALL"] = locale
            if let turkish { environment["LOCPATH"] = turkish }
            let result = try runProgram("/bin/sh", ["-c", "umask \(umask) && exec \"$0\" \"$@\"", Checkout.binary,
                                                    "build", "--site", site.path, "--jobs", "\(jobs)"],
                                        environment: environment, timeout: .seconds(120))
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains("Git remotes: 3 fetched"))
            return tree(site.path + "/public")
        }
        let reference = try build(timeZone: "UTC", locale: "C", umask: "022", jobs: 1)
        #expect(reference.count > 20)
        #expect(String(decoding: reference["projects/repo-2/index.html"] ?? Data(), as: UTF8.self).contains("İzmir Gateway"))
        let elsewhere = try build(timeZone: "Pacific/Kiritimati", locale: "tr_TR.UTF-8", umask: "077", jobs: 3)
        #expect(Set(elsewhere.keys) == Set(reference.keys))
        for (path, bytes) in reference.sorted(by: { $0.key < $1.key }) where elsewhere[path] != bytes {
            Issue.record("\(path) differs between UTC/C/022/1 job and Kiritimati/tr_TR/077/3 jobs")
        }
        let westward = try build(timeZone: "America/Los_Angeles", locale: "C.UTF-8", umask: "002", jobs: 2)
        #expect(westward == reference)
    }
}
