/// A remote-write setting that cannot work (a URL that is not http(s), conflicting credentials).
package struct RemoteWriteConfigurationError: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}
