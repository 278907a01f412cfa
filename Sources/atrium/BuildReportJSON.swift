import AtriumBuild
import Foundation

/// `atrium build --format json`: the build report as one JSON object, keys sorted.
enum BuildReportJSON {
    static func text(_ report: BuildReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(report)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
