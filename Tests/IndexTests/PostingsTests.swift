import AtriumModel
import Index
import Testing

@Suite struct PostingsTests {
    let documents: [String: [String: Int]] = [
        "alpha": ["payments": 16, "gateway": 4, "go": 1],
        "beta": ["search": 16, "gateway": 2],
        "gamma": ["payments": 8, "kafka": 1],
        "delta": ["kafka": 16, "go": 2],
    ]

    func fresh(_ slugs: [String]) -> Postings {
        Postings(slugs: slugs, terms: slugs.map { documents[$0]! })
    }

    /// Every kind of change, applied to the last build's postings, gives the postings made
    /// from scratch: a project edited, added (between others, so ids shift), removed.
    @Test func anUpdateGivesWhatMakingThemAfreshGives() {
        var changed = documents
        changed["beta"] = ["search": 16, "index": 8]
        let old = fresh(["alpha", "beta", "gamma"])
        let edited = old.updated(slugs: ["alpha", "beta", "gamma"], changed: ["beta": changed["beta"]!])
        #expect(edited == Postings(slugs: ["alpha", "beta", "gamma"], terms: ["alpha", "beta", "gamma"].map { changed[$0]! }))
        let added = old.updated(slugs: ["alpha", "beta", "delta", "gamma"], changed: ["delta": documents["delta"]!])
        #expect(added == fresh(["alpha", "beta", "delta", "gamma"]))
        let removed = old.updated(slugs: ["alpha", "gamma"], changed: [:])
        #expect(removed == fresh(["alpha", "gamma"]))
        #expect(old.updated(slugs: ["alpha", "beta", "gamma"], changed: [:]) == old)
    }

    @Test func bytesRoundTripAndDamageIsRefused() throws {
        let postings = fresh(["alpha", "beta", "gamma", "delta"])
        let bytes = Array(postings.encoded)
        #expect(try Postings(decoding: bytes) == postings)
        #expect(Array(fresh(["alpha", "beta", "gamma", "delta"]).encoded) == bytes)
        for cut in [0, 3, bytes.count / 2, bytes.count - 1] {
            #expect(throws: Postings.DecodingFailure.self) { try Postings(decoding: bytes.prefix(cut)) }
        }
        #expect(throws: Postings.DecodingFailure.self) { try Postings(decoding: bytes + [0]) }
        var huge = bytes
        huge.replaceSubrange(0..<4, with: [0xff, 0xff, 0xff, 0x7f])
        #expect(throws: Postings.DecodingFailure.self) { try Postings(decoding: huge) }
    }

    /// The index made from summaries and postings is the one made from search documents.
    @Test func theIndexFromPostingsIsTheIndexFromDocuments() throws {
        let projects = ["alpha", "beta"].map { Project(slug: $0, repository: $0, name: Fact($0.capitalized, source: nil)) }
        let searchDocuments = projects.map { SearchDocument(project: $0, headings: ["Usage"], text: "payments gateway") }
        let direct = try SearchIndex.files(for: searchDocuments)
        let postings = Postings(slugs: ["alpha", "beta"], terms: searchDocuments.map(\.terms))
        let viaPostings = try SearchIndex.files(summaries: searchDocuments.map(\.summary), postings: postings)
        #expect(direct.map(\.path) == viaPostings.map(\.path))
        #expect(direct.map(\.data) == viaPostings.map(\.data))
    }
}
