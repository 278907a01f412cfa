import AtriumTestSupport
import Foundation
import Testing

/// `atrium init DIR`, then `atrium build` on what it made, as a new user's first minute goes.
@Suite struct InitCommandTests {
    @Test func aNewSiteBuildsAtOnceWithItsSampleRepository() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/catalogue"
        let made = try AtriumCommand.run(["init", site])
        #expect(made.status == 0, "\(made.errors)")
        for path in ["content/site.yml", "content/repositories.yml", "content/pages/about.md", ".gitignore",
                     "repositories/example-service/README.md", "repositories/example-service/CONTRIBUTING.md"] {
            #expect(made.output.contains("created \(path)"), "\(path)")
            #expect(FileManager.default.fileExists(atPath: site + "/" + path), "\(path)")
        }
        #expect(made.output.contains("atrium build --site \(site)"))
        // The list shows the two ways to name a repository, commented out.
        let list = read(site + "/content/repositories.yml")
        #expect(list.contains("# - name: payments/invoice-renderer") && list.contains("#   url: https://"))
        #expect(read(site + "/.gitignore").contains("/public/"))

        let built = try AtriumCommand.run(["build", "--site", site])
        #expect(built.status == 0, "\(built.errors)")
        #expect(built.errors.isEmpty, "the starter has no problems: \(built.errors)")
        #expect(built.output.hasPrefix("Published 1 project to \(site)/public"))
        let page = read(site + "/public/projects/example-service/index.html")
        #expect(page.contains("<h1>Example Service</h1>"))
        #expect(read(site + "/public/pages/about/index.html").contains("About this catalogue"))
        let checked = try AtriumCommand.run(["check", site + "/repositories/example-service"])
        #expect(checked.status == 0, "the sample passes its own readiness bar: \(checked.output)")
    }

    @Test func aFolderWithFilesIsRefusedUnlessForcedAndThenKeepsThem() throws {
        let folder = try TemporaryFolder()
        try folder.write("title: Mine\n", to: "content/site.yml")
        let refused = try AtriumCommand.run(["init", folder.path])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("is not empty"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/content/repositories.yml"), "nothing written")

        let forced = try AtriumCommand.run(["init", "--force", folder.path])
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(forced.output.contains("kept    content/site.yml (already there)"))
        #expect(read(folder.path + "/content/site.yml") == "title: Mine\n", "an existing file is never overwritten")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/content/repositories.yml"))
    }

    @Test func aFileInTheWayIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "taken")
        let refused = try AtriumCommand.run(["init", folder.path + "/taken"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("exists and is not a folder"))
    }
}
