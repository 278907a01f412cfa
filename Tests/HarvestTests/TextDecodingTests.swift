import Harvest
import Testing

@Suite struct TextDecodingTests {
    @Test func validUTF8PassesThroughUnchanged() {
        let result = TextDecoding.decode(Array("# Über Größe 日本語 🚀\n".utf8))
        #expect(result.text == "# Über Größe 日本語 🚀\n")
        #expect(result.problem == nil)
    }

    @Test func invalidUTF8IsRepairedAndTheLineIsNamed() {
        // "Zürich" written in Latin-1 on the third line.
        let bytes = Array("# Title\n\nZ".utf8) + [0xFC] + Array("rich office\n".utf8)
        let result = TextDecoding.decode(bytes)
        #expect(result.text == "# Title\n\nZ\u{FFFD}rich office\n")
        #expect(result.line == 3)
        #expect(result.problem?.contains("not valid UTF-8") == true)
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        let result = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("# Hello".utf8))
        #expect(result.text == "# Hello")
        #expect(result.problem == nil)
    }

    @Test(arguments: [true, false])
    func utf16WithByteOrderMarkIsConverted(littleEndian: Bool) {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in "# Café ☕".utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        let result = TextDecoding.decode(bytes)
        #expect(result.text == "# Café ☕")
        #expect(result.problem?.contains("UTF-16") == true)
    }

    @Test func nulBytesAreReplacedSoTheRestOfTheFileIsNotLost() {
        let result = TextDecoding.decode(Array("line one\nbad\u{0}byte\nline three".utf8))
        #expect(result.text == "line one\nbad\u{FFFD}byte\nline three")
        #expect(result.line == 2)
        #expect(result.problem?.contains("NUL") == true)
    }

    /// Windows and classic-Mac endings read as the same lines an editor shows, so a CODEOWNERS
    /// rule on line 3 is line 3 whichever machine wrote the file.
    @Test(arguments: ["\r\n", "\r"])
    func lineEndingsBecomeLF(ending: String) {
        let lines = ["# Owners", "", "* @platform/core", "docs/ @writers"]
        let result = TextDecoding.decode(Array((lines.joined(separator: ending) + ending).utf8))
        #expect(result.text == lines.joined(separator: "\n") + "\n")
        #expect(result.problem == nil)
    }

    @Test func mixedEndingsAndBadBytesNameTheLineAnEditorShows() {
        let bytes = Array("one\r\ntwo\rthree\n".utf8) + [0xFF] + Array("four".utf8)
        let result = TextDecoding.decode(bytes)
        #expect(result.text == "one\ntwo\nthree\n\u{FFFD}four")
        #expect(result.line == 4)
    }
}
