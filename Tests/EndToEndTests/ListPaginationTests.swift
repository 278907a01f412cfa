import AtriumTestSupport
import Foundation
import Testing

/// Large catalogues: the home page shows the first projects and the lists go on over pages, so
/// no page carries thousands of cards.
@Suite struct ListPaginationTests {
    @Test func listsContinueOverPages() throws {
        let repos = try TemporaryFolder("repos")
        for index in 0..<450 {
            try repos.write("# Tool \(index)\n\nA small internal tool, number \(index), for testing long lists.\n",
                            to: String(format: "tool-%03d/README.md", index))
        }
        let site = try TemporaryFolder("site")
        let out = site.path + "/public"
        let result = try AtriumCommand.run(["build", "--site", site.path, "--scan", repos.path, "--out", out])
        #expect(result.status == 0)
        func cards(_ path: String) -> Int { read(out + "/" + path).components(separatedBy: "class=\"project-card\"").count - 1 }
        #expect(cards("index.html") == 50)  // the home page shows the first 50; search and lists have the rest
        #expect(read(out + "/index.html").contains("See all 450 projects"))
        #expect(cards("all/index.html") == 200)
        #expect(cards("all/2/index.html") == 200)
        #expect(cards("all/3/index.html") == 50)
        #expect(!FileManager.default.fileExists(atPath: out + "/all/4"))
        #expect(read(out + "/all/index.html").contains("<a rel=\"next\" href=\"2/\">Next page</a>"))
        #expect(read(out + "/all/2/index.html").contains("<a rel=\"prev\" href=\"../\">Previous page</a>"))
        #expect(read(out + "/all/2/index.html").contains("<a rel=\"next\" href=\"../3/\">Next page</a>"))
        #expect(read(out + "/all/3/index.html").contains("href=\"../../projects/tool-449/\""))
        #expect(read(out + "/all/3/index.html").contains("All projects (page 3 of 3)"))
    }
}
