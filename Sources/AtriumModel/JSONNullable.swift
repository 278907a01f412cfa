/// A value that a JSON contract writes as `null` when it is absent (Swift's synthesised
/// `Encodable` would leave the key out): `"url": null` says "none found", not "not asked".
public struct JSONNullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public var value: Value?

    public init(_ value: Value?) {
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
