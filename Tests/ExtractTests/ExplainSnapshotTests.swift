import AtriumBuild
import AtriumTestSupport
import Foundation
import Testing

/// Golden files of `atrium explain --format json` for every sample repository
/// (`Tests/ExtractTests/Snapshots/`). Any change to what is extracted shows up here as a diff
/// to review; `RECORD_SNAPSHOTS=1 swift test --filter ExplainSnapshotTests` regenerates them.
@Suite struct ExplainSnapshotTests {
    static let samples = (try? FileManager.default.contentsOfDirectory(atPath: Checkout.samples).sorted()) ?? []

    @Test(arguments: samples)
    func explainJSON(sample: String) throws {
        let project = try #require(Inspection.inspect(folder: Checkout.samples + "/" + sample).project)
        if let mismatch = snapshotMismatch(ProjectReport.json(project), named: sample + ".json",
                                           in: Checkout.root + "/Tests/ExtractTests/Snapshots") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
