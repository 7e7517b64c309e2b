internal import CAuthBridgeOpenSSL

/// libcrypto's per-thread error queue, drained after every failure so a stale code never surfaces in a
/// later, unrelated call on the same thread.
enum OpenSSLErrorStack {
    /// Empties the queue and returns the library's short reason strings (never input bytes).
    @discardableResult
    static func drain() -> [String] {
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

    /// A typed error for a libcrypto failure, with the queue drained into its reason.
    static func error(_ code: JWTError.Code, _ what: String) -> JWTError {
        let reasons = drain()
        if reasons.isEmpty { return JWTError(code, what) }
        return JWTError(code, "\(what) (libcrypto: \(reasons.joined(separator: "; ")))")
    }
}
