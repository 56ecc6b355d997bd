internal import CCurl

/// Facts about the libcurl library netready's HTTP probes are built on.
public enum HTTPLibrary {
    /// libcurl's version string as loaded at run time, e.g. "libcurl/7.88.1 OpenSSL/3.0.17 ...".
    public static var version: String {
        guard let text = curl_version() else { return "unknown" }
        return String(cString: text)
    }
}
