/// No candidate directory held readable profiles.
public struct ShippedProfilesNotFound: Error, CustomStringConvertible, Sendable {
    /// Every directory looked at, in order.
    public let triedPaths: [String]

    public var description: String {
        "shipped profiles not found; looked in: " + triedPaths.joined(separator: ", ")
            + " (install the \(ShippedProfiles.bundleName) directory beside the binary, or set "
            + "\(ShippedProfiles.environmentVariable) to a directory of profile *.yaml files)"
    }
}
