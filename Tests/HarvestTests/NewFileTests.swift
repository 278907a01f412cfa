import AtriumTestSupport
import Foundation
import SafeFiles
import Testing

/// The build cache's files are replaced whole or not at all.
@Suite struct NewFileTests {
    @Test func aFileReplacedPieceByPieceHoldsEveryPiece() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/cache/record.json"
        let large = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        try NewFile.replace(path, foldersBelow: folder.path) { file throws(NewFile.Failure) in
            try file.append(contentsOf: Array("header\n".utf8))
            try file.append(contentsOf: large)
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == 7 + large.count)
        #expect(written.prefix(7) == Data("header\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache") == ["record.json"])
    }

    @Test func aFailedReplacementKeepsTheOldFileAndLeavesNothingBeside() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/record.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: NewFile.Failure.self) {
            try NewFile.replace(path, foldersBelow: folder.path) { file throws(NewFile.Failure) in
                try file.append(contentsOf: Array("half".utf8))
                throw NewFile.Failure(path: path, reason: "the disk is full")
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["record.json"])
    }
}
