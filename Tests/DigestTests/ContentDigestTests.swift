import Digest
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
