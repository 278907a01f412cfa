import Foundation
import Testing

/// Tests that read `../shared/` (the GFM spec, the real-world corpora) are skipped, with a
/// message naming what is missing, when it is not beside the checkout; the rest still run.
public enum Shared {
    /// Whether `part` (a path under the shared folder) exists.
    public static func has(_ part: String) -> Bool {
        FileManager.default.fileExists(atPath: Checkout.shared + "/" + part)
    }

    /// A trait that runs the test only when `part` of the shared folder is there.
    public static func needs(_ part: String) -> ConditionTrait {
        .enabled(if: has(part), Comment(rawValue: "\(Checkout.shared)/\(part) is missing "
            + "(clone the project beside shared/, or set ATRIUM_SHARED)"))
    }
}
