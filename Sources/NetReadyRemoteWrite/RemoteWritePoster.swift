internal import CCurl
internal import CNetReadyShims
import Dispatch
import Foundation

/// POSTs remote-write bodies to one receiver with libcurl's easy interface, on a serial queue
/// of its own (a push never holds a thread of the cooperative pool, and one hanging receiver
/// waits at most `timeout`).
package final class RemoteWritePoster: Sendable {
    private let endpoint: RemoteWriteEndpoint
    private let credentials: RemoteWriteCredentials
    private let timeout: Duration
    private let queue: DispatchQueue

    package init(endpoint: RemoteWriteEndpoint, credentials: RemoteWriteCredentials, timeout: Duration) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.timeout = timeout
        queue = DispatchQueue(label: "netready.remote-write")
    }

    /// Sends one body and classifies the answer.
    package func post(_ body: [UInt8]) async -> RemoteWriteOutcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.postBlocking(body)) }
        }
    }

    private func postBlocking(_ body: [UInt8]) -> RemoteWriteOutcome {
        guard let handle = curl_easy_init() else { return .retry("curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }
        for header in [
            "Content-Encoding: snappy", "Content-Type: application/x-protobuf",
            "X-Prometheus-Remote-Write-Version: 0.1.0", "Expect:",
        ] + (credentials.authorization.map { ["Authorization: \($0)"] } ?? []) {
            headers = curl_slist_append(headers, header)
        }
        let answer = ResponseBody()
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let milliseconds = max(1, Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        let code: CURLcode = body.withUnsafeBytes { bytes in
            _ = CNetReadyShims_curl_easy_setopt_string(handle, CURLOPT_URL, endpoint.url)
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_POST, 1)
            _ = CNetReadyShims_curl_easy_setopt_pointer(
                handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
            _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
            _ = CNetReadyShims_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, "netready")
            _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
            // A redirect would turn the POST into a GET: the receiver's URL must be the right one.
            _ = CNetReadyShims_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            _ = CNetReadyShims_curl_easy_setopt_pointer(
                handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(answer).toOpaque())
            _ = CNetReadyShims_curl_easy_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
                Unmanaged<ResponseBody>.fromOpaque(user!).takeUnretainedValue().append(data, size * count)
                return size * count
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            // libcurl's text names the URL's host at most, never the Authorization header.
            return .retry(text.replacingOccurrences(of: endpoint.url, with: endpoint.redacted))
        }
        var status = 0
        _ = CNetReadyShims_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .of(status: status, body: answer.text)
    }
}

/// The first bytes of a receiver's answer (its error message), for the log.
private final class ResponseBody {
    private static let limit = 512
    private var bytes: [UInt8] = []

    func append(_ data: UnsafeMutablePointer<CChar>, _ count: Int) {
        let room = Self.limit - bytes.count
        guard room > 0 else { return }
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: min(room, count)))
        }
    }

    var text: String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
    }
}
