import AuthBridgeJWT
import CBenchmarkOpenSSL
import Foundation

/// The bare libcrypto work inside one AuthBridgeJWT verify or sign, on the same key and signing input:
/// SHA-256 of the signing input on a reused digest context, then `EVP_PKEY_verify`/`EVP_PKEY_sign` on a
/// prepared context (RSA; ECDSA with the DER signature made once, in setup); `EVP_DigestVerify`/
/// `EVP_DigestSign` on a re-armed context (Ed25519); a re-armed keyed HMAC (HS256). No base64url, JSON,
/// key lookup or claims: the honest floor for AuthBridge's overhead, measured in the same run. Unlike
/// `openssl speed`, it includes the hash of the ~500-byte signing input that every JWS pays.
final class PrimitiveFloor: @unchecked Sendable {
    // @unchecked: a benchmark runs its floor on one thread at a time, and nothing else touches it.
    private let algorithm: JWSAlgorithm
    private let signing: Bool
    private let input: [UInt8]
    private let signature: [UInt8]
    private var output = [UInt8](repeating: 0, count: 1024)
    private var digest = [UInt8](repeating: 0, count: 64)
    private let sha256: OpaquePointer
    private var pkey: OpaquePointer? = nil
    private var pkeyContext: OpaquePointer? = nil
    /// SHA-256 for RSA and ECDSA; the digest-sign or digest-verify context for Ed25519.
    private let digestContext: OpaquePointer
    private var macContext: OpaquePointer? = nil

    struct SetupError: Error, CustomStringConvertible { let description: String }

    init(algorithm: JWSAlgorithm, token: String, key: JWTKey, hmacSecret: [UInt8], signing: Bool) throws {
        self.algorithm = algorithm
        self.signing = signing
        let parts = token.split(separator: ".")
        self.input = Array("\(parts[0]).\(parts[1])".utf8)
        let raw = Self.decodeBase64URL(parts[2])
        self.signature = algorithm == .es256 ? Self.der(fromRaw: raw) : raw
        guard let sha256 = EVP_MD_fetch(nil, cbench_name_sha256(), nil), let digestContext = EVP_MD_CTX_new() else {
            throw SetupError(description: "libcrypto setup failed")
        }
        self.sha256 = sha256
        self.digestContext = digestContext

        if algorithm == .hs256 {
            let mac = EVP_MAC_fetch(nil, "HMAC", nil)
            defer { EVP_MAC_free(mac) }
            self.macContext = EVP_MAC_CTX_new(mac)
            var params = [
                OSSL_PARAM_construct_utf8_string(cbench_param_digest(), UnsafeMutablePointer(mutating: cbench_name_sha256()), 0),
                OSSL_PARAM_construct_end(),
            ]
            guard EVP_MAC_init(self.macContext, hmacSecret, hmacSecret.count, &params) == 1 else { throw SetupError(description: "HMAC key") }
        } else {
            let pem = Array((signing ? try key.privateKeyPEM() : try key.publicKeyPEM()).utf8)
            self.pkey = pem.withUnsafeBytes { bytes in
                let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count))
                defer { BIO_free(bio) }
                return signing ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
            }
            guard let pkey = self.pkey else { throw SetupError(description: "PEM import") }
            if algorithm == .edDSA {
                let ok =
                    signing
                    ? EVP_DigestSignInit(digestContext, nil, nil, nil, pkey) : EVP_DigestVerifyInit(digestContext, nil, nil, nil, pkey)
                guard ok == 1 else { throw SetupError(description: "Ed25519 init") }
            } else {
                let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil)
                self.pkeyContext = context
                guard (signing ? EVP_PKEY_sign_init(context) : EVP_PKEY_verify_init(context)) == 1,
                    EVP_PKEY_CTX_set_signature_md(context, sha256) == 1
                else { throw SetupError(description: "key context") }
                if algorithm == .ps256 {
                    guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1,
                        EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST) == 1,
                        EVP_PKEY_CTX_set_rsa_mgf1_md(context, sha256) == 1
                    else { throw SetupError(description: "PSS") }
                } else if algorithm == .rs256 {
                    guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else { throw SetupError(description: "PKCS#1") }
                }
            }
        }
        guard self.run() else { throw SetupError(description: "the primitive refused its own input") }
    }

    deinit {
        EVP_MD_CTX_free(self.digestContext)
        EVP_PKEY_CTX_free(self.pkeyContext)
        EVP_PKEY_free(self.pkey)
        EVP_MAC_CTX_free(self.macContext)
        EVP_MD_free(self.sha256)
    }

    /// One verify (true when the signature verifies) or one sign (true when it succeeded).
    func run() -> Bool {
        switch self.algorithm {
        case .hs256:
            var length = 0
            return EVP_MAC_init(self.macContext, nil, 0, nil) == 1
                && EVP_MAC_update(self.macContext, self.input, self.input.count) == 1
                && EVP_MAC_final(self.macContext, &self.output, &length, self.output.count) == 1
        case .edDSA:
            var length = self.output.count
            if self.signing {
                return EVP_DigestSignInit(self.digestContext, nil, nil, nil, nil) == 1
                    && EVP_DigestSign(self.digestContext, &self.output, &length, self.input, self.input.count) == 1
            }
            return EVP_DigestVerifyInit(self.digestContext, nil, nil, nil, nil) == 1
                && EVP_DigestVerify(self.digestContext, self.signature, self.signature.count, self.input, self.input.count) == 1
        default:
            var digestLength: UInt32 = 0
            guard EVP_DigestInit_ex2(self.digestContext, self.sha256, nil) == 1,
                EVP_DigestUpdate(self.digestContext, self.input, self.input.count) == 1,
                EVP_DigestFinal_ex(self.digestContext, &self.digest, &digestLength) == 1
            else { return false }
            if self.signing {
                var length = self.output.count
                return EVP_PKEY_sign(self.pkeyContext, &self.output, &length, self.digest, Int(digestLength)) == 1
            }
            return EVP_PKEY_verify(self.pkeyContext, self.signature, self.signature.count, self.digest, Int(digestLength)) == 1
        }
    }

    private static func decodeBase64URL(_ text: Substring) -> [UInt8] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Array(Data(base64Encoded: base64) ?? Data())
    }

    /// P-256 R‖S as DER, once, in setup.
    private static func der(fromRaw raw: [UInt8]) -> [UInt8] {
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var content = Array(bytes.drop(while: { $0 == 0 }))
            if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
            return [0x02, UInt8(content.count)] + content
        }
        let r = integer(raw[0..<32]), s = integer(raw[32..<64])
        return [0x30, UInt8(r.count + s.count)] + r + s
    }
}
