internal import CAuthBridgeOpenSSL

/// AES-256-GCM sealing and HMAC-SHA-256 derivation for the modules above (package-internal): the bridge
/// keeps what it must remember about a customer's session (for example the guest chat's JWT) sealed
/// under a key derived per session, so a dump of a shared store reveals nothing.
package enum SessionSealing {
    package static let keyByteCount = 32
    private static let nonceByteCount = 12
    private static let tagByteCount = 16

    /// HMAC-SHA-256 of `message` under `key`.
    package static func hmacSHA256(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                out.withUnsafeMutableBufferPointer { outBytes in
                    EVP_Q_mac(
                        nil, "HMAC", nil, "SHA256", nil,
                        keyBytes.baseAddress, keyBytes.count,
                        messageBytes.baseAddress, messageBytes.count,
                        outBytes.baseAddress, outBytes.count, &length
                    )
                }
            }
        }
        guard result != nil, length == 32 else { throw OpenSSLErrorStack.cryptoError(.failure, "HMAC-SHA-256 failed") }
        return out
    }

    /// `nonce ‖ ciphertext ‖ tag`, with a fresh random 96-bit nonce.
    package static func seal(_ plaintext: [UInt8], key: [UInt8], additionalData: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == Self.keyByteCount else { throw CryptoError(.invalidKey, "an AES-256-GCM key is 32 bytes") }
        let nonce = try SecureRandom.bytes(Self.nonceByteCount)
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLErrorStack.cryptoError(.failure, "no cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: plaintext.count + Self.tagByteCount)
        var length: Int32 = 0
        var ok = EVP_EncryptInit_ex2(context, EVP_aes_256_gcm(), key, nonce, nil) == 1
        if ok, !additionalData.isEmpty {
            ok = EVP_EncryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1
        }
        var written = 0
        if ok, !plaintext.isEmpty {
            ok = output.withUnsafeMutableBufferPointer { out in
                EVP_EncryptUpdate(context, out.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1
            }
            written = Int(length)
        }
        if ok {
            ok = output.withUnsafeMutableBufferPointer { out in
                EVP_EncryptFinal_ex(context, out.baseAddress! + written, &length) == 1
            }
            written += Int(length)
        }
        if ok {
            ok = output.withUnsafeMutableBufferPointer { out in
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(Self.tagByteCount), out.baseAddress! + written) == 1
            }
        }
        guard ok, written == plaintext.count else { throw OpenSSLErrorStack.cryptoError(.failure, "AES-256-GCM sealing failed") }
        return nonce + output
    }

    /// The plaintext of a `seal` result; a wrong key, wrong additional data or any changed byte fails.
    package static func open(_ sealed: [UInt8], key: [UInt8], additionalData: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == Self.keyByteCount else { throw CryptoError(.invalidKey, "an AES-256-GCM key is 32 bytes") }
        guard sealed.count >= Self.nonceByteCount + Self.tagByteCount else { throw CryptoError(.malformed, "the sealed box is too short") }
        let nonce = Array(sealed[..<Self.nonceByteCount])
        let ciphertext = Array(sealed[Self.nonceByteCount..<(sealed.count - Self.tagByteCount)])
        var tag = Array(sealed[(sealed.count - Self.tagByteCount)...])
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLErrorStack.cryptoError(.failure, "no cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + Self.tagByteCount)
        var length: Int32 = 0
        var written = 0
        var ok = EVP_DecryptInit_ex2(context, EVP_aes_256_gcm(), key, nonce, nil) == 1
        if ok, !additionalData.isEmpty {
            ok = EVP_DecryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1
        }
        if ok, !ciphertext.isEmpty {
            ok = plaintext.withUnsafeMutableBufferPointer { out in
                EVP_DecryptUpdate(context, out.baseAddress, &length, ciphertext, Int32(ciphertext.count)) == 1
            }
            written = Int(length)
        }
        if ok {
            ok = EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(Self.tagByteCount), &tag) == 1
        }
        if ok {
            // The tag check happens here; a failure says nothing about which byte differed.
            ok = plaintext.withUnsafeMutableBufferPointer { out in
                EVP_DecryptFinal_ex(context, out.baseAddress! + written, &length) == 1
            }
            written += Int(length)
        }
        guard ok else {
            OpenSSLErrorStack.drain()
            throw CryptoError(.authenticationFailed, "the sealed box does not open with this key")
        }
        return Array(plaintext[..<written])
    }
}
