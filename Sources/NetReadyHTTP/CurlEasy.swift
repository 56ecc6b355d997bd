internal import CCurl
internal import CNetReadyShims
import Foundation
internal import NetReadyPosix

/// Owns one libcurl easy handle and what its callbacks collect; frees both in `deinit`.
///
/// Unchecked Sendable: after `HTTPClient` hands it to its loop thread, only that thread touches it.
final class CurlEasy: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    /// The `CURLOPT_RESOLVE` list; libcurl reads it during the transfer, so it lives as long as the handle.
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private let bodyLimit: Int
    /// libcurl's error text can quote a proxy URL with its credentials.
    private let proxies: ProxySettings
    private(set) var body: [UInt8] = []
    private(set) var bodyBytes = 0
    private(set) var responses: [HTTPResponseHead] = []

    init?(url: String, options: HTTPRequestOptions) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        bodyLimit = options.bodyLimit
        proxies = ProxySettings(option: options.proxy)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        configure(url: url, options: options)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(resolveList)
        errorBuffer.deallocate()
    }

    private func set(_ option: CURLoption, _ value: Int) {
        _ = CNetReadyShims_curl_easy_setopt_long(handle, option, value)
    }

    private func set(_ option: CURLoption, _ value: String) {
        _ = CNetReadyShims_curl_easy_setopt_string(handle, option, value)
    }

    private func configure(url: String, options: HTTPRequestOptions) {
        set(CURLOPT_URL, url)
        set(CURLOPT_NOSIGNAL, 1)
        let milliseconds = max(1, Int(options.timeout.milliseconds))
        set(CURLOPT_TIMEOUT_MS, milliseconds)
        set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        // Every sample measures a whole exchange: its own lookup, connection and handshake.
        set(CURLOPT_FRESH_CONNECT, 1)
        set(CURLOPT_FORBID_REUSE, 1)
        set(CURLOPT_DNS_CACHE_TIMEOUT, 0)
        set(CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0)
        set(CURLOPT_MAXREDIRS, options.maxRedirects)
        set(CURLOPT_USERAGENT, options.userAgent)
        set(CURLOPT_CERTINFO, 1)
        set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        set(CURLOPT_SSL_VERIFYPEER, options.verifyPeer ? 1 : 0)
        set(CURLOPT_SSL_VERIFYHOST, options.verifyPeer ? 2 : 0)
        if options.connectOnly { set(CURLOPT_CONNECT_ONLY, 1) }
        if let proxy = options.proxy { set(CURLOPT_PROXY, proxy) }
        for entry in options.resolve { resolveList = curl_slist_append(resolveList, entry) }
        if let resolveList { _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_RESOLVE, resolveList) }
        if let caFile = options.caFile {
            set(CURLOPT_CAINFO, caFile)
            set(CURLOPT_CAPATH, "/etc/ssl/certs")
        }
        switch options.ipVersion {
        case 4: set(CURLOPT_IPRESOLVE, Int(CURL_IPRESOLVE_V4))
        case 6: set(CURLOPT_IPRESOLVE, Int(CURL_IPRESOLVE_V6))
        default: break
        }
        if let interface = options.interface {
            set(CURLOPT_INTERFACE, "if!\(interface)")
        } else if let source = options.sourceAddress {
            set(CURLOPT_INTERFACE, "host!\(source)")
        }
        _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        _ = CNetReadyShims_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        _ = CNetReadyShims_curl_easy_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            let easy = Unmanaged<CurlEasy>.fromOpaque(user!).takeUnretainedValue()
            easy.appendBody(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        _ = CNetReadyShims_curl_easy_setopt_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            let easy = Unmanaged<CurlEasy>.fromOpaque(user!).takeUnretainedValue()
            easy.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
    }

    private func appendBody(_ bytes: UnsafeRawBufferPointer) {
        bodyBytes += bytes.count
        let room = bodyLimit - body.count
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
    }

    /// A status line starts a new response (redirects and 1xx each have their own); other
    /// lines are headers of the current one.
    private func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            let fields = line.split(separator: " ", maxSplits: 2)
            let status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            responses.append(HTTPResponseHead(status: status))
        } else if let colon = line.firstIndex(of: ":"), !responses.isEmpty {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            responses[responses.count - 1].headers.append((name, value))
        }
    }

    // MARK: results

    private func long(_ info: CURLINFO) -> Int {
        var value = 0
        return CNetReadyShims_curl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func double(_ info: CURLINFO) -> Double {
        var value = 0.0
        return CNetReadyShims_curl_easy_getinfo_double(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard CNetReadyShims_curl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The exchange as far as it got, after libcurl finished it with `code`.
    func exchange(code: CURLcode) -> HTTPExchange {
        var exchange = HTTPExchange()
        // Interim 1xx answers are not part of the story the report tells.
        exchange.responses = responses.filter { !(100...199).contains($0.status) }
        exchange.status = long(CURLINFO_RESPONSE_CODE)
        exchange.httpVersion = Self.versionName(long(CURLINFO_HTTP_VERSION))
        exchange.effectiveURL = string(CURLINFO_EFFECTIVE_URL)
        exchange.primaryIP = string(CURLINFO_PRIMARY_IP)
        let port = long(CURLINFO_PRIMARY_PORT)
        exchange.primaryPort = port > 0 ? port : nil
        exchange.redirectCount = long(CURLINFO_REDIRECT_COUNT)
        exchange.proxyConnectStatus = long(CURLINFO_HTTP_CONNECTCODE)
        exchange.tlsVerifyResult = long(CURLINFO_SSL_VERIFYRESULT)
        exchange.certificates = certificates()
        exchange.timings.nameLookup = double(CURLINFO_NAMELOOKUP_TIME)
        exchange.timings.connect = double(CURLINFO_CONNECT_TIME)
        exchange.timings.tlsHandshake = double(CURLINFO_APPCONNECT_TIME)
        exchange.timings.firstByte = double(CURLINFO_STARTTRANSFER_TIME)
        exchange.timings.total = double(CURLINFO_TOTAL_TIME)
        exchange.body = body
        exchange.bodyBytes = bodyBytes
        if code != CURLE_OK {
            let buffer = String(cString: errorBuffer)
            let message = proxies.scrub(buffer.isEmpty ? String(cString: curl_easy_strerror(code)) : buffer)
            exchange.failure = HTTPFailure(
                kind: Self.kind(of: code), code: Int(code.rawValue), message: message,
                osErrno: Int32(truncatingIfNeeded: long(CURLINFO_OS_ERRNO)))
        }
        return exchange
    }

    private func certificates() -> [HTTPCertificate] {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard CNetReadyShims_curl_easy_getinfo_certinfo(handle, &info) == CURLE_OK, let info,
            let list = info.pointee.certinfo
        else { return [] }
        return (0..<Int(info.pointee.num_of_certs)).map { index in
            var fields: [String: String] = [:]
            var item = list[index]
            while let node = item {
                if let data = node.pointee.data {
                    let text = String(cString: data)
                    if let colon = text.firstIndex(of: ":") {
                        fields[String(text[..<colon])] = String(text[text.index(after: colon)...])
                    }
                }
                item = node.pointee.next
            }
            return HTTPCertificate(
                subject: fields["Subject"] ?? "", issuer: fields["Issuer"] ?? "",
                notBefore: fields["Start date"] ?? "", notAfter: fields["Expire date"] ?? "")
        }
    }

    static func versionName(_ version: Int) -> String? {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: nil
        }
    }

    static func kind(of code: CURLcode) -> HTTPFailure.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: .resolve
        case CURLE_COULDNT_RESOLVE_PROXY: .resolveProxy
        case CURLE_COULDNT_CONNECT: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_SSL_CONNECT_ERROR: .tlsHandshake
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH: .tlsVerification
        case CURLE_PROXY: .proxy
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_GOT_NOTHING, CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_UNSUPPORTED_PROTOCOL:
            .protocolError
        case CURLE_RECV_ERROR: .receive
        case CURLE_SEND_ERROR: .send
        default: .other
        }
    }
}
