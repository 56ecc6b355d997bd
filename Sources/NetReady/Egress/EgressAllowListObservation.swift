/// The `egress:expect` check: the expected ranges, and the egress addresses inside, outside, or of a family no
/// range covers.
public struct EgressAllowListObservation: Encodable, Sendable {
    public var expected: [String]
    public var inside: [String]
    public var outside: [String]
    public var unchecked: [String]
}
