internal import CCurl
internal import CNetReadyShims

/// Owns one libcurl multi handle; frees it in `deinit`. Used only by `HTTPClient`'s loop thread
/// (plus `wakeup`, which libcurl allows from any thread).
final class CurlMulti: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() {
        guard let handle = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.handle = handle
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    func add(_ easy: CurlEasy) -> Bool {
        curl_multi_add_handle(handle, easy.handle) == CURLM_OK
    }

    func remove(_ easy: CurlEasy) {
        curl_multi_remove_handle(handle, easy.handle)
    }

    /// Drives every transfer as far as it can go without blocking.
    func perform() {
        var running: Int32 = 0
        curl_multi_perform(handle, &running)
    }

    /// Finished transfers since the last call: each easy handle with its result.
    func finished() -> [(UnsafeMutableRawPointer, CURLcode)] {
        var done: [(UnsafeMutableRawPointer, CURLcode)] = []
        var left: Int32 = 0
        while let message = curl_multi_info_read(handle, &left) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                done.append((easy, message.pointee.data.result))
            }
        }
        return done
    }

    /// Waits until a socket is ready, a timer is due, `wakeup` is called, or `milliseconds` pass.
    func poll(milliseconds: Int32) {
        curl_multi_poll(handle, nil, 0, milliseconds, nil)
    }

    /// Interrupts `poll` from another thread.
    func wakeup() {
        curl_multi_wakeup(handle)
    }
}
