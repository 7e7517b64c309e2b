internal import CAuthBridgeOpenSSL

/// libcrypto's per-thread error queue, drained after every failure so a stale code never surfaces in a
/// later, unrelated call on the same thread.
package enum OpenSSLErrorStack {
    /// Empties the queue and returns the library's short reason strings (never input bytes).
    @discardableResult
    package static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if reasons.count < 8, let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            }
        }
        return reasons
    }

    /// `what`, with the queue drained into it: the reason every module's libcrypto errors carry.
    package static func reason(_ what: String) -> String {
        let reasons = drain()
        return reasons.isEmpty ? what : "\(what) (libcrypto: \(reasons.joined(separator: "; ")))"
    }

    /// A typed error for a libcrypto failure, with the queue drained into its reason.
    package static func cryptoError(_ code: CryptoError.Code, _ what: String) -> CryptoError {
        CryptoError(code, Self.reason(what))
    }
}
