/// Why a primitive of this layer failed. Package-internal: each module above maps it to its own error
/// (`JWTError`, `OIDCError`, the bridge's failure), so users see one error type per module.
package struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case failure, invalidKey, malformed, authenticationFailed
        }

        private let kind: Kind

        /// libcrypto failed or lacks an algorithm.
        package static let failure = Code(kind: .failure)
        /// A key of the wrong size or shape.
        package static let invalidKey = Code(kind: .invalidKey)
        /// Input too short or otherwise unreadable.
        package static let malformed = Code(kind: .malformed)
        /// A sealed box or MAC that does not verify under the key.
        package static let authenticationFailed = Code(kind: .authenticationFailed)

        package var description: String { self.kind.rawValue }
    }

    /// What kind of failure.
    package let code: Code
    /// What failed, with libcrypto's reason strings; never input bytes or keys.
    package let reason: String

    package init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    package var description: String { "CryptoError.\(self.code): \(self.reason)" }
}
