import Digest
import Foundation
import Testing

@Suite struct ContentDigestTests {
    /// FIPS 180-4's examples, the empty message, and one that spans many blocks.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func digestsAreSHA256(_ message: String, _ expected: String) {
        #expect(ContentDigest.of(Array(message.utf8)).hex == expected)
    }

    /// The processor's SHA instructions and the portable loop agree with each other and with
    /// coreutils' `sha256sum` on every length around the block boundaries, fed whole or in pieces.
    @Test func processorInstructionsPortableCodeAndSha256sumAgree() throws {
        defer { SHA256Engine.useProcessorInstructions(true) }
        let lengths = Array(0...200) + [447, 448, 449, 4095, 4096, 4097, 65_537]
        var generator = SystemRandomNumberGenerator()
        let messages = lengths.map { count in (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        func digests() -> [String] {
            messages.map { message in
                var pieces = ContentHasher()
                var rest = message[...]
                while !rest.isEmpty {
                    let piece = rest.prefix(Int.random(in: 1...130))
                    piece.withUnsafeBytes { pieces.append(unframed: $0) }
                    rest = rest.dropFirst(piece.count)
                }
                let whole = ContentDigest.of(message).hex
                #expect(pieces.finalize().hex == whole)
                return whole
            }
        }
        let hardware = SHA256Engine.useProcessorInstructions(true)
        let withInstructions = digests()
        SHA256Engine.useProcessorInstructions(false)
        let portable = digests()
        #expect(withInstructions == portable, "processor instructions in use: \(hardware)")
        // coreutils, for a third, independent implementation.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let path = folder.appendingPathComponent("\(index)").path
            FileManager.default.createFile(atPath: path, contents: Data(message))
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.split(separator: "\n").map { String($0.prefix(64)) } == portable)
    }

    @Test func feedingInPiecesGivesTheSameDigestAsFramedValuesDo() {
        var first = ContentHasher()
        first.combine("ab")
        first.combine("c")
        var second = ContentHasher()
        second.combine("a")
        second.combine("bc")
        #expect(first.finalize() != second.finalize())
        var third = ContentHasher()
        third.combine("ab")
        third.combine("c")
        var fourth = ContentHasher()
        fourth.combine("ab")
        fourth.combine("c")
        #expect(third.finalize() == fourth.finalize())
        var absent = ContentHasher()
        absent.combine(nil as String?)
        var empty = ContentHasher()
        empty.combine("" as String?)
        #expect(absent.finalize() != empty.finalize())
    }

    @Test func onlyHexDigestsAreAccepted() {
        #expect(ContentDigest(hex: String(repeating: "a", count: 64)) != nil)
        #expect(ContentDigest(hex: String(repeating: "A", count: 64)) == nil)
        #expect(ContentDigest(hex: "abc") == nil)
        #expect(ContentDigest(hex: String(repeating: "g", count: 64)) == nil)
    }
}
