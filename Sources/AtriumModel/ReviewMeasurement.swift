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

    /// 31 → "31 h", 30.5 → "30.5 h".
    public static func hours(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) h" : "\(tenths / 10).\(abs(tenths % 10)) h"
    }
}
