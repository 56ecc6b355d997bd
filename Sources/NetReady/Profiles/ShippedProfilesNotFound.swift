/// No candidate directory held readable profiles.
package struct ShippedProfilesNotFound: Error, CustomStringConvertible, Sendable {
    /// Every directory looked at, in order.
    package let triedPaths: [String]

    package var description: String {
        "shipped profiles not found; looked in: " + triedPaths.joined(separator: ", ")
            + " (install the \(ShippedProfiles.bundleName) directory beside the binary, or set "
            + "\(ShippedProfiles.environmentVariable) to a directory of profile *.yaml files)"
    }
}
