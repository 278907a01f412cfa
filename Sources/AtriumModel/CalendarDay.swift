import Foundation

/// Dates as pages and reports show them.
public enum CalendarDay {
    /// `2026-11-25`, in UTC: output never depends on the machine's time zone.
    public static func string(from time: Int) -> String {
        var seconds = time_t(time)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
