/// The `egress:expect` check: the expected ranges, and the egress addresses inside, outside, or of a family no
/// range covers.
package struct EgressAllowListObservation: Encodable, Sendable {
    package var expected: [String]
    package var inside: [String]
    package var outside: [String]
    package var unchecked: [String]
}
