import Foundation

/// Dates as pages and reports show them.
public enum CalendarDay {
    /// `2026-11-25`, in UTC: output never depends on the machine's time zone.
    public static func string(from time: Int) -> String {
        let parts = utc(time)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// `2026-11-25T09:30:00Z` (RFC 3339, as Atom and JSON consumers want it).
    public static func timestamp(from time: Int) -> String {
        let parts = utc(time)
        return string(from: time) + String(format: "T%02d:%02d:%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func utc(_ time: Int) -> tm {
        var seconds = time_t(time)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }
}
