package import AuthBridgeCrypto

extension JWTError {
    /// The JOSE error for a failure of the crypto layer below.
    package init(_ error: CryptoError) {
        switch error.code {
        case .invalidKey: self.init(.invalidKey, error.reason)
        case .malformed: self.init(.malformed, error.reason)
        case .authenticationFailed: self.init(.badSignature, error.reason)
        default: self.init(.cryptoFailure, error.reason)
        }
    }
}
