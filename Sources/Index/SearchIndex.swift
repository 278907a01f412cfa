public import AtriumModel
public import Foundation

/// The data the catalogue's search reads in the browser: one entry per project, as JSON in a
/// file of its own (never inline in a page).
public enum SearchIndex {
    struct Entry: Encodable {
        var slug: String
        var name: String
        var description: String?
        var topics: [String]
    }

    /// The index as JSON, entries in slug order, keys sorted: the same projects always give
    /// the same bytes.
    public static func build(_ projects: [Project]) throws -> Data {
        let entries = projects.sorted { $0.slug < $1.slug }.map {
            Entry(slug: $0.slug, name: $0.name.value, description: $0.description?.value, topics: $0.topics)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(["projects": entries])
    }
}
