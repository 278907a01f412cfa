import AtriumModel
import Foundation
import Index
import Testing

/// The index the browser reads: tokens as search-core.js makes them (the same inputs as its
/// node tests), shard placement, and what a result carries.
@Suite struct SearchIndexTests {
    @Test(arguments: [
        ("Payments-SDK: a Kotlin client (v2)!", ["payments", "sdk", "kotlin", "client", "v2"]),
        ("Café ZÜRICH 東京 naïve Straße ٣٤ Ελλάδα", ["café", "zürich", "東京", "naïve", "straße", "٣٤", "ελλάδα"]),
        ("C# is a Go i18n lib, x y z", ["is", "go", "i18n", "lib"]),
        ("snake_case 🚀rocket a+b=c2 e-mail", ["snake", "case", "rocket", "c2", "mail"]),
        ("!!! a b c", []),
    ])
    func tokensMatchTheBrowsers(text: String, tokens: [String]) {
        #expect(SearchIndex.tokens(text) == tokens)
    }

    /// A word typed decomposed (Hangul jamo, as some editors save it) is the same term as the
    /// composed word, byte for byte: terms are compared and sorted as bytes.
    @Test func tokensAreComposed() {
        let tokens = SearchIndex.tokens("\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161} ok")
        #expect(tokens.map { Array($0.utf8) } == [Array("\u{AC01}\u{AC00}".utf8), Array("ok".utf8)])
    }

    @Test func tokensStopAtTheLimit() {
        #expect(SearchIndex.tokens("one two three four", limit: 2) == ["one", "two"])
    }

    func document(_ slug: String, _ text: String) -> SearchDocument {
        SearchDocument(project: Project(slug: slug, repository: slug, name: Fact(slug, source: nil)),
                       headings: [], text: text)
    }

    @Test func everyTermIsInTheShardOfItsLongestListedPrefix() throws {
        // Enough documents sharing "pay…" words that the "p" shard must split.
        let documents = (0..<400).map { document(String(format: "p%03d", $0), "payment payments payroll paypal pager \($0)") }
        let files = Dictionary(uniqueKeysWithValues: try SearchIndex.files(for: documents).map { ($0.path, $0.data) })
        let manifest = try JSONSerialization.jsonObject(with: files["shards.json"]!) as! [String: Any]
        let shards = manifest["shards"] as! [String]
        #expect(manifest["documents"] as? Int == 400)
        #expect(shards.contains { $0.count > 1 && $0.hasPrefix("p") })
        for shard in shards {
            let data = try #require(files["terms/\(shard).json"])
            let terms = (try JSONSerialization.jsonObject(with: data) as! [String: Any])["terms"] as! [String: Any]
            for term in terms.keys {
                let home = shards.filter { term.hasPrefix($0) }.max { $0.count < $1.count }
                #expect(home == shard, "\(term) is in \(shard), not \(home ?? "-")")
            }
        }
        // Documents come in chunks of 8, in id order, with the fields a result shows.
        let chunk = try JSONSerialization.jsonObject(with: files["docs/1.json"]!) as! [[String: Any]]
        #expect(chunk.map { $0["id"] as? Int } == Array(8..<16))
        #expect(chunk.first?["url"] as? String == "projects/p008/")
        #expect(chunk.first?.keys.contains("description") == true)
    }

    @Test func namesWeighMoreThanText() {
        let weights = document("ledger", "ledger accounts").terms
        #expect(weights["ledger"] == 17)  // name 16 + text 1
        #expect(weights["accounts"] == 1)
    }

    /// The same vectors as the JavaScript decoder's tests (Tests/SearchJS): the two agree.
    @Test(arguments: [("", [Int]()), ("D", [3]), ("gB", [32]), ("BCA", [1, 4, 5]), ("AAA", [0, 1, 2]),
                      ("AnfA", [0, 1000, 1001]), ("_____D", [3 << 25 + (1 << 25) - 1])])
    func idListsAreShortText(text: String, ids: [Int]) {
        #expect(IdList.encode(ids) == text)
    }

    @Test func facetsListEachValuesDocumentsAndSortOrdersAreApart() throws {
        let documents = (0..<40).map { document(String(format: "p%03d", $0), "text") }
        let files = Dictionary(uniqueKeysWithValues: try SearchIndex.files(for: documents).map { ($0.path, $0.data) })
        let facets = try #require(try JSONSerialization.jsonObject(with: files["facets.json"]!) as? [String: Any])
        #expect(Set(facets.keys) == ["facets"])
        let review = try #require((facets["facets"] as? [String: Any])?["review"] as? [String: Any])
        #expect(review["values"] as? [String] == ["no"])
        #expect(review["documents"] as? [String] == [String(repeating: "A", count: 40)])  // ids 0, 1, … 39
        let order = try #require(try JSONSerialization.jsonObject(with: files["order.json"]!) as? [String: [String: [Int]]])
        #expect(order["order"]?["name"] == Array(0..<40))
    }
}
