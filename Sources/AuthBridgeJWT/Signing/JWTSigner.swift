#if canImport(FoundationEssentials)
import AuthBridgeCrypto
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// Signs JWTs (and plain JWS payloads) with one key and algorithm.
///
/// The header is `{"alg", "typ", "kid"}` and nothing else: no `crit`, `b64`, `zip`, `jku` or `jwk`
/// (RFC 8725). It is encoded once, when the signer is made.
public struct JWTSigner: Sendable {
    /// The signing key.
    public let key: JWTKey
    /// The algorithm written into `alg`.
    public let algorithm: JWSAlgorithm
    private let encodedHeader: [UInt8]

    /// A signer for `key`.
    ///
    /// - Parameters:
    ///   - key: A private key or an HMAC secret.
    ///   - algorithm: Needed only when the key allows more than one; defaults to ``JWTKey/algorithm``.
    ///   - type: The `typ` to write; `nil` writes none. Default `JWT`.
    /// - Throws: ``JWTError/Code-swift.struct/keyUseMismatch`` for a public key,
    ///   ``JWTError/Code-swift.struct/algorithmNotAllowed`` for an algorithm the key is not registered for.
    public init(key: JWTKey, algorithm: JWSAlgorithm? = nil, type: String? = "JWT") throws(JWTError) {
        guard key.isPrivate, key.permitsSigning else { throw JWTError(.keyUseMismatch, "this key cannot sign") }
        guard let algorithm = algorithm ?? key.algorithm else {
            throw JWTError(.algorithmNotAllowed, "the key allows several algorithms: name one")
        }
        guard key.algorithms.contains(algorithm) else { throw JWTError(.algorithmNotAllowed, "the key is not registered for \(algorithm)") }
        self.key = key
        self.algorithm = algorithm
        var header: JSONObject = ["alg": .string(algorithm.name)]
        if let type { header["typ"] = .string(type) }
        if let keyID = key.keyID { header["kid"] = .string(keyID) }
        var json = [UInt8]()
        JSONWriter.write(.object(header), into: &json)
        var encoded = [UInt8]()
        Base64URL.encode(json, into: &encoded)
        self.encodedHeader = encoded
    }

    /// A compact JWT with `claims` as its payload.
    public func sign(_ claims: JSONObject) throws(JWTError) -> String {
        var json = [UInt8]()
        json.reserveCapacity(512)
        JSONWriter.write(.object(claims), into: &json)
        return try self.sign(payload: json)
    }

    /// A compact JWT with `claims` encoded by `JSONEncoder` as its payload.
    public func sign<Claims: Encodable>(encoding claims: Claims) throws(JWTError) -> String {
        let data: Data
        do {
            data = try JSONEncoder().encode(claims)
        } catch {
            throw JWTError(.invalidClaim, "the claims do not encode as JSON")
        }
        guard data.first == UInt8(ascii: "{") else { throw JWTError(.invalidClaim, "JWT claims must encode as a JSON object") }
        return try self.sign(payload: Array(data))
    }

    /// A compact JWS over arbitrary payload bytes.
    public func sign(payload: [UInt8]) throws(JWTError) -> String {
        let header = self.encodedHeader
        let inputLength = header.count + 1 + Base64URL.encodedCount(payload.count)
        return try self.token(signingInputLength: inputLength) { out in
            header.withUnsafeBufferPointer { bytes in
                for index in 0..<bytes.count { out[index] = bytes[index] }
            }
            out[header.count] = UInt8(ascii: ".")
            let rest = UnsafeMutableBufferPointer(rebasing: out[(header.count + 1)...])
            _ = payload.withUnsafeBufferPointer { bytes in Base64URL.encode(bytes, to: rest) }
        }
    }

    /// Signs an already encoded `header.payload` signing input as is, and returns the compact JWS.
    ///
    /// For callers that must reproduce a given header byte for byte; the header is not checked.
    public func sign(signingInput: String) throws(JWTError) -> String {
        let input = Array(signingInput.utf8)
        return try self.token(signingInputLength: input.count) { out in
            input.withUnsafeBufferPointer { bytes in
                for index in 0..<bytes.count { out[index] = bytes[index] }
            }
        }
    }

    /// Writes the signing input (`writeInput` fills exactly `signingInputLength` bytes), `.` and the
    /// base64url signature straight into the returned string's storage: the signature goes through a
    /// stack buffer, and no intermediate token array is built and copied.
    private func token(
        signingInputLength: Int,
        writeInput: (UnsafeMutableBufferPointer<UInt8>) -> Void
    ) throws(JWTError) -> String {
        let signatureLength = self.key.maximumSignatureLength(for: self.algorithm)
        let capacity = signingInputLength + 1 + Base64URL.encodedCount(signatureLength)
        var failure: JWTError? = nil
        let token = String(unsafeUninitializedCapacity: capacity) { out in
            writeInput(out)
            let message = UnsafeRawBufferPointer(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[0..<signingInputLength]))
            do throws(JWTError) {
                return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: signatureLength) { signature throws(JWTError) in
                    let length = try self.key.sign(message, algorithm: self.algorithm, into: signature)
                    out[signingInputLength] = UInt8(ascii: ".")
                    let rest = UnsafeMutableBufferPointer(rebasing: out[(signingInputLength + 1)...])
                    return signingInputLength + 1 + Base64URL.encode(UnsafeBufferPointer(rebasing: signature[0..<length]), to: rest)
                }
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return token
    }
}
