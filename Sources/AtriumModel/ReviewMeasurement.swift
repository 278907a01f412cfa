/// The review promise beside what the history measured ("first commit to merge").
public struct ReviewMeasurement: Sendable {
    public var promisedHours: Int?
    public var latency: RepositoryHistory.ReviewLatency?
    public var windowDays: Int

    public init(_ project: Project) {
        promisedHours = project.reviewCommitment?.hours
        latency = project.history?.reviewLatency
        windowDays = project.history?.windowDays ?? 0
    }

    /// Enough merges were measured and their median is over the promise.
    public var isBroken: Bool {
        guard let promisedHours, let median = latency?.trustedMedianHours else { return false }
        return median > Double(promisedHours)
    }

    /// "promised 48 h, measured median 61 h over 12 merges in the last 365 days (first commit
    /// to merge)", or that there is too little data; nil without a history.
    public var summary: String? {
        guard let latency else { return nil }
        let promise = promisedHours.map { "promised \($0) h, " } ?? ""
        guard let median = latency.trustedMedianHours else {
            return promise + "too little data to measure: \(latency.merges) merge(s) measured in the last \(windowDays) days, \(RepositoryHistory.ReviewLatency.enoughMerges) needed"
        }
        return promise + "measured median \(Self.hours(median)) over \(latency.merges) merges in the last \(windowDays) days (\(latency.method))"
    }

    /// "Promise: 48 h · Measured: median 31 h, 90% within 70 h, over 42 merges in the last 365
    /// days", the promise left out when none is stated in hours; nil without a history.
    public var line: String? {
        guard let latency else { return nil }
        let measured: String
        if let median = latency.trustedMedianHours {
            measured = "Measured: median \(Self.hours(median)), 90% within \(Self.hours(latency.p90Hours ?? median)), "
                + "over \(latency.merges) merges in the last \(windowDays) days"
        } else {
            measured = "Measured: too little data (\(latency.merges) \(latency.merges == 1 ? "merge" : "merges") measured in the last "
                + "\(windowDays) days; \(RepositoryHistory.ReviewLatency.enoughMerges) are needed)"
        }
        return (promisedHours.map { "Promise: \($0) h · " } ?? "") + measured
    }

    /// "3 merges could not be measured (squash or rebase)"; nil when every merge was.
    public var unmeasured: String? {
        guard let count = latency?.unmeasuredMerges, count > 0 else { return nil }
        return count == 1 ? "1 merge could not be measured (squash or rebase)"
            : "\(count) merges could not be measured (squash or rebase)"
    }

    /// 31 → "31 h", 30.5 → "30.5 h".
    public static func hours(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths > 0 ? "-" : ""
        return tenths % 10 == 0 ? "\(sign)\(tenths / 10) h" : "\(sign)\(tenths / 10).\(tenths % 10) h"
    }
}
