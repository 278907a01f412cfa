import Foundation
import Index

/// Inputs with the tokens the Swift index makes of them, as JSON: the JavaScript tokenizer
/// (Templates/assets/search-core.js) must make the same, or a word that is in the index
/// cannot be found. `scripts/fuzz` writes it from the tokenizer's fuzz corpus to
/// `Tests/SearchJS/fixtures/tokenizer-fuzz.json`; the node tests and the Swift tests read it.
public enum TokenizerFixture {
    public struct Case: Codable, Equatable {
        public var text: String
        public var tokens: [String]
    }

    public static func cases(_ inputs: [[UInt8]]) -> [Case] {
        inputs.map { String(decoding: $0, as: UTF8.self) }.map { Case(text: $0, tokens: SearchIndex.tokens($0)) }
    }

    public static func json(_ inputs: [[UInt8]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(cases(inputs))) ?? Data("[]".utf8), as: UTF8.self)
    }
}
