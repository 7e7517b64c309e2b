import AuthBridgeCrypto

extension OpenSSLErrorStack {
    /// A typed error for a libcrypto failure, with the queue drained into its reason.
    static func error(_ code: JWTError.Code, _ what: String) -> JWTError {
        JWTError(code, Self.reason(what))
    }
}
