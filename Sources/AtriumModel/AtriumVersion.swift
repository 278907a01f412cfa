/// Atrium's own version: part of every build cache key, so that a new version never reuses
/// what an older one made.
public enum AtriumVersion {
    public static let current = "0.7.0"
}
