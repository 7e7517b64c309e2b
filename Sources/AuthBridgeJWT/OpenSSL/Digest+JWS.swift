import AuthBridgeCrypto

extension Digest {
    /// The digest a JWS algorithm hashes with.
    static func forHash(_ hash: JWSAlgorithm.Hash) throws(JWTError) -> Digest {
        let digest: Digest?
        switch hash {
        case .sha256: digest = Self.sha256
        case .sha384: digest = Self.sha384
        case .sha512: digest = Self.sha512
        }
        guard let digest else { throw JWTError(.cryptoFailure, "the SHA-2 digests are unavailable in libcrypto") }
        return digest
    }
}
