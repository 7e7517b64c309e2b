#if canImport(FoundationEssentials)
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
        var token = [UInt8]()
        // Room for the signature too (360 covers RSA-2048), so appending it does not reallocate.
        token.reserveCapacity(self.encodedHeader.count + payload.count * 4 / 3 + 360)
        token.append(contentsOf: self.encodedHeader)
        token.append(UInt8(ascii: "."))
        Base64URL.encode(payload, into: &token)
        try self.appendSignature(to: &token)
        return String(decoding: token, as: UTF8.self)
    }

    /// Signs an already encoded `header.payload` signing input as is, and returns the compact JWS.
    ///
    /// For callers that must reproduce a given header byte for byte; the header is not checked.
    public func sign(signingInput: String) throws(JWTError) -> String {
        var token = Array(signingInput.utf8)
        try self.appendSignature(to: &token)
        return String(decoding: token, as: UTF8.self)
    }

    /// Appends `.` and the signature of the signing input `token` holds, in place: a token shared
    /// with a second array would be copied on the first append.
    private func appendSignature(to token: inout [UInt8]) throws(JWTError) {
        let signature = try JWTError.rethrowing {
            try token.withUnsafeBytes { message in try self.key.sign(message, algorithm: self.algorithm) }
        }
        token.append(UInt8(ascii: "."))
        Base64URL.encode(signature, into: &token)
    }
}
