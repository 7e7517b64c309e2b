internal import CAuthBridgeOpenSSL

/// Random bytes from libcrypto's CSPRNG, for codes, refresh tokens and PKCE verifiers in the modules
/// above (package-internal: users have their own sources of randomness).
package enum SecureRandom {
    package static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSLErrorStack.cryptoError(.failure, "the random generator failed") }
        return bytes
    }

    /// Fills `buffer` from the CSPRNG; `false` if the generator failed.
    package static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        guard RAND_bytes(base, Int32(buffer.count)) == 1 else {
            OpenSSLErrorStack.drain()
            return false
        }
        return true
    }
}
