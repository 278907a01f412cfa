import AtriumTestSupport
import Foundation
import Publish
import Testing

@Suite struct StagingAreaTests {
    func contents(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func commitReplacesThePreviousSiteWhole() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        let first = try StagingArea(replacing: out)
        try first.write("old", to: "index.html")
        try first.write("gone soon", to: "projects/removed/index.html")
        try first.commit()
        #expect(contents(out + "/index.html") == "old")

        let second = try StagingArea(replacing: out)
        try second.write("new", to: "index.html")
        try second.commit()
        #expect(contents(out + "/index.html") == "new")
        #expect(!FileManager.default.fileExists(atPath: out + "/projects/removed"))
        // Nothing is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }

    @Test func discardLeavesThePublishedSiteUntouched() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        let first = try StagingArea(replacing: out)
        try first.write("published", to: "index.html")
        try first.commit()

        let failed = try StagingArea(replacing: out)
        try failed.write("half-written", to: "index.html")
        failed.discard()
        #expect(contents(out + "/index.html") == "published")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }

    @Test func refusesToReplaceAFolderAtriumDidNotWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write("my thesis", to: "documents/thesis.txt")
        #expect(throws: StagingArea.PublishError.self) {
            _ = try StagingArea(replacing: folder.path + "/documents")
        }
        #expect(contents(folder.path + "/documents/thesis.txt") == "my thesis")
    }

    @Test func anEmptyFolderMayBeReplaced() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: true)
        let staging = try StagingArea(replacing: folder.path + "/out")
        try staging.write("hello", to: "index.html")
        try staging.commit()
        #expect(contents(folder.path + "/out/index.html") == "hello")
    }
}

@Suite struct AbandonedStagingTests {
    @Test func foldersLeftByAKilledBuildAreRemovedAndThoseOfARunningBuildKept() throws {
        let folder = try TemporaryFolder()
        // pid 2^22 + 1 is above Linux's pid_max limit: no such process can exist.
        try folder.write("x", to: ".public.staging-4194305/index.html")
        try folder.write("x", to: ".public.staging-1/index.html")  // init: always running
        let staging = try StagingArea(replacing: folder.path + "/public")
        staging.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".public.staging-1"])
    }
}
