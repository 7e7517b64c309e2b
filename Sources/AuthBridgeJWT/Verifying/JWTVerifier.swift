#if canImport(FoundationEssentials)
import AuthBridgeCrypto
internal import FoundationEssentials
#else
internal import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Verifies compact JWS and JWT tokens against trusted keys, then checks the claims.
///
/// Order (RFC 7515, RFC 8725): size → exactly three strict base64url segments → header (strict JSON,
/// `alg` known and never `none`, `crit`/`b64`/`zip`/nested refused) → the call's algorithm allow-list →
/// key by exact `kid` → the key's own allow-list and `use` → signature → claims JSON → claims
/// (`exp`, `nbf`, `iat`, age, `iss`, `aud`, required) → `typ`. The first failure is thrown as a
/// ``JWTError``; nothing is logged and no error quotes the token.
///
/// A verifier is an immutable value; share one across tasks.
public struct JWTVerifier: Sendable {
    /// The trusted keys.
    public let keys: JWTKeyCollection
    /// The checks applied beyond the signature.
    public let options: JWTValidationOptions
    /// Outcomes of headers seen on verified tokens; valid because `keys` and `options` never change.
    private let headerCache = VerifiedHeaderCache()

    /// A verifier of `keys` with `options`.
    public init(keys: JWTKeyCollection, options: JWTValidationOptions = JWTValidationOptions()) {
        self.keys = keys
        self.options = options
    }

    /// Verifies a JWT and its claims.
    public func verify(_ token: String) throws(JWTError) -> VerifiedJWT {
        let jws = try self.verifySignature(token)
        let claims = try JWTClaims(payload: jws.payload, maximumDepth: self.options.limits.maximumJSONDepth)
        try self.options.validate(claims)
        try self.options.typePolicy.check(jws.header)
        return VerifiedJWT(header: jws.header, claims: claims, payload: jws.payload)
    }

    /// Verifies a JWT, then decodes its payload into `Payload` with `JSONDecoder`.
    ///
    /// Every check of ``verify(_:)`` runs first, on the strict reader's view of the claims, so the
    /// decoder only ever sees a payload without duplicate members.
    public func verify<Payload: Decodable>(_ token: String, as type: Payload.Type) throws(JWTError) -> (VerifiedJWT, Payload) {
        let verified = try self.verify(token)
        do {
            let payload = try JSONDecoder().decode(Payload.self, from: Data(verified.payload))
            return (verified, payload)
        } catch {
            throw JWTError(.payloadDecodingFailed, "the claims do not decode as \(Payload.self)")
        }
    }

    /// Verifies the signature of a compact JWS and returns its header and payload bytes, without reading
    /// the payload as claims (for JWS that are not JWTs).
    public func verifySignature(_ token: String) throws(JWTError) -> VerifiedJWS {
        let limits = self.options.limits
        guard token.utf8.count <= limits.maximumTokenBytes else {
            throw JWTError(.tokenTooLarge, "the token exceeds \(limits.maximumTokenBytes) bytes")
        }
        var token = token
        return try JWTError.rethrowing {
            try token.withUTF8 { bytes throws(JWTError) -> VerifiedJWS in
                // memchr is vectorised; a byte loop over the whole token cost more than the header check.
                let firstDot = Self.index(of: UInt8(ascii: "."), in: bytes, from: 0)
                let secondDot = Self.index(of: UInt8(ascii: "."), in: bytes, from: firstDot + 1)
                guard Self.index(of: UInt8(ascii: "."), in: bytes, from: secondDot + 1) < 0 else {
                    throw JWTError(.malformed, "a compact JWS has exactly three segments")
                }
                guard secondDot > 0, firstDot > 0 else { throw JWTError(.malformed, "a compact JWS has exactly three segments") }
                guard firstDot <= limits.maximumHeaderBytes else {
                    throw JWTError(.tokenTooLarge, "the header exceeds \(limits.maximumHeaderBytes) bytes")
                }

                let headerSegment = UnsafeBufferPointer(rebasing: bytes[0..<firstDot])
                let header: JOSEHeader
                let key: JWTKey
                let cached = self.headerCache.entry(for: headerSegment)
                if let cached {
                    header = cached.header
                    key = cached.key
                } else {
                    (header, key) = try self.checkHeader(headerSegment, limits: limits)
                }
                guard let payload = Base64URL.decode(UnsafeBufferPointer(rebasing: bytes[(firstDot + 1)..<secondDot])) else {
                    throw JWTError(.malformed, "the payload is not base64url")
                }
                let signatureSegment = UnsafeBufferPointer(rebasing: bytes[(secondDot + 1)...])
                // The signature is only read here: decode it on the stack.
                let valid = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: signatureSegment.count / 4 * 3 + 3) {
                    buffer throws(JWTError) in
                    guard let length = Base64URL.decode(signatureSegment, into: buffer) else {
                        throw JWTError(.malformed, "the signature is not base64url")
                    }
                    return try key.verify(
                        UnsafeBufferPointer(rebasing: buffer[0..<length]),
                        over: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[0..<secondDot]),
                        algorithm: header.algorithm
                    )
                }
                guard valid else { throw JWTError(.badSignature, "the signature does not verify") }
                if cached == nil { self.headerCache.remember(segment: headerSegment, header: header, key: key) }
                return VerifiedJWS(header: header, payload: payload)
            }
        }
    }

    /// The index of the first `byte` at or after `start`, or -1 (also when `start` is past the end).
    private static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start >= 0, start < bytes.count, let base = bytes.baseAddress else { return -1 }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return -1 }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Decodes and checks the header, then selects the key: everything that depends only on the header
    /// segment, the keys and the options.
    private func checkHeader(_ segment: UnsafeBufferPointer<UInt8>, limits: JWTLimits) throws(JWTError) -> (JOSEHeader, JWTKey) {
        guard let headerBytes = Base64URL.decode(segment) else {
            throw JWTError(.malformed, "the header is not base64url")
        }
        let header = try JOSEHeader(parsing: headerBytes, limits: limits)
        if let allowed = self.options.allowedAlgorithms, !allowed.contains(header.algorithm) {
            throw JWTError(.algorithmNotAllowed, "\(header.algorithm) is not allowed here", member: "alg")
        }
        if let keyID = header.keyID, keyID.utf8.count > limits.maximumKeyIDBytes {
            throw JWTError(.keyNotFound, "the token's kid exceeds \(limits.maximumKeyIDBytes) bytes")
        }
        let key = try self.keys.key(for: header.keyID)
        guard key.algorithms.contains(header.algorithm) else {
            throw JWTError(.algorithmNotAllowed, "the key is not registered for \(header.algorithm)", member: "alg", keyID: header.keyID)
        }
        guard key.permitsVerification else {
            throw JWTError(.keyUseMismatch, "the key's use or key_ops do not permit verification", keyID: header.keyID)
        }
        return (header, key)
    }
}
