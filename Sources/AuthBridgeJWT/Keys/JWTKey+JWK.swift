import AuthBridgeCrypto
internal import CAuthBridgeOpenSSL

extension JWTKey {
    /// A validated key from a JWK (RFC 7517/7518/8037).
    ///
    /// The JWK's `alg` binds the key to that algorithm (RFC 8725 §3.1) — for RSA, to its padding scheme
    /// with any SHA-2 size, see ``JWTKey/algorithms``; `ES521`, a common misspelling, reads as ES512.
    /// Without `alg`,
    /// `defaultAlgorithm` is used, else the family's default: HS256 for `oct`, RS256 for `RSA`, the
    /// curve's ES algorithm for `EC`, EdDSA for `OKP`. An `alg` that is not a JWS algorithm AuthBridge
    /// knows (an encryption algorithm, `ES224`) leaves the key with an empty allow-list, so it verifies
    /// nothing. `use` and `key_ops` are honoured: a key for `enc`, or without `verify`, is refused for
    /// verification with ``JWTError/Code-swift.struct/keyUseMismatch``.
    ///
    /// Checks: strict base64url; RSA `n`/`e` minimal, 2048…16384 bits, odd `e` in 3…2³², no ROCA
    /// fingerprint; EC coordinates exactly the curve's length and the point on the curve; Ed25519 `x`
    /// 32 bytes; private members consistent with the public ones; HMAC secrets non-empty and at least
    /// the hash length.
    public init(jwk: JWK, defaultAlgorithm: JWSAlgorithm? = nil, limits: JWTLimits = .default) throws(JWTError) {
        let members = jwk.members
        let (permitsVerification, permitsSigning) = try Self.usage(of: members)
        let material: Material
        let isPrivate: Bool
        switch jwk.keyType {
        case "oct":
            let secret = try Self.requiredBytes(members, "k")
            guard !secret.isEmpty else { throw JWTError(.invalidKey, "the oct key's k is empty", member: "k") }
            material = .hmac(try HMACSecret(secret))
            isPrivate = true
        case "RSA":
            (material, isPrivate) = try Self.rsaMaterial(members, limits: limits)
        case "EC":
            (material, isPrivate) = try Self.ecMaterial(members)
        case "OKP":
            (material, isPrivate) = try Self.okpMaterial(members)
        default:
            throw JWTError(.unsupportedKeyType, "kty \(JWTError.printable(jwk.keyType)) is not supported", member: "kty")
        }
        let algorithms: Set<JWSAlgorithm>
        var preferred: JWSAlgorithm? = nil
        if let name = members["alg"] {
            guard let name = name.stringValue else { throw JWTError(.invalidKey, "alg must be a string", member: "alg") }
            if let algorithm = JWSAlgorithm(name: name == "ES521" ? "ES512" : name) {
                try Self.check(algorithm, fits: material)
                algorithms = Self.scheme(of: algorithm)
                preferred = algorithm
            } else {
                algorithms = []
            }
        } else if let defaultAlgorithm {
            algorithms = [defaultAlgorithm]
            preferred = defaultAlgorithm
        } else {
            preferred = Self.familyDefault(material)
            algorithms = [Self.familyDefault(material)]
        }
        let kid: String?
        switch members["kid"] {
        case .none: kid = nil
        case .string(let value)?: kid = value
        default: throw JWTError(.invalidKey, "kid must be a string", member: "kid")
        }
        try self.init(
            material: material,
            algorithms: algorithms,
            algorithm: preferred,
            keyID: kid,
            isPrivate: isPrivate,
            permitsVerification: permitsVerification,
            permitsSigning: permitsSigning
        )
    }

    /// The key as a JWK with `kty`, `kid`, `alg` (``algorithm``, when set) and `use: "sig"`.
    ///
    /// - Parameter includingPrivateMembers: also write `d` (and the RSA CRT members) or an HMAC `k`.
    ///   Without it, an HMAC secret has no JWK and this throws
    ///   ``JWTError/Code-swift.struct/keyUseMismatch``.
    public func jwk(includingPrivateMembers: Bool = false) throws(JWTError) -> JWK {
        var members = try self.publicMembers(includingSecret: includingPrivateMembers)
        if let keyID { members["kid"] = .string(keyID) }
        if let algorithm = self.algorithm { members["alg"] = .string(algorithm.name) }
        members["use"] = .string("sig")
        if includingPrivateMembers && self.isPrivate {
            switch self.material {
            case .hmac: break
            case .rsa(let key):
                for (name, parameter) in [
                    ("d", cab_param_rsa_d()), ("p", cab_param_rsa_p()), ("q", cab_param_rsa_q()),
                    ("dp", cab_param_rsa_dp()), ("dq", cab_param_rsa_dq()), ("qi", cab_param_rsa_qi()),
                ] {
                    guard let value = key.bigNumber(parameter) else { throw JWTError(.invalidKey, "cannot export \(name)") }
                    members[name] = .string(Base64URL.encode(value))
                }
            case .ec(let key, let curve):
                guard let d = key.bigNumber(cab_param_priv(), paddedTo: curve.coordinateLength) else {
                    throw JWTError(.invalidKey, "cannot export d")
                }
                members["d"] = .string(Base64URL.encode(d))
            case .ed25519(let key):
                guard let d = key.raw(privateKey: true) else { throw JWTError(.invalidKey, "cannot export d") }
                members["d"] = .string(Base64URL.encode(d))
            }
        }
        return try JWK(members: members)
    }

    /// The RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order, base64url.
    public func thumbprint() throws(JWTError) -> String {
        try JWK(members: self.publicMembers(includingSecret: true)).thumbprint()
    }

    /// Exactly the RFC 7638 required members.
    private func publicMembers(includingSecret: Bool) throws(JWTError) -> JSONObject {
        switch self.material {
        case .hmac(let secret):
            guard includingSecret else { throw JWTError(.keyUseMismatch, "an HMAC secret has no public JWK") }
            return try secret.withBytes { bytes throws(JWTError) in ["kty": .string("oct"), "k": .string(Base64URL.encode(bytes))] }
        case .rsa(let key):
            guard let n = key.bigNumber(cab_param_rsa_n()), let e = key.bigNumber(cab_param_rsa_e()) else {
                throw JWTError(.invalidKey, "cannot export the RSA public key")
            }
            return ["kty": .string("RSA"), "n": .string(Base64URL.encode(n)), "e": .string(Base64URL.encode(e))]
        case .ec(let key, let curve):
            guard let x = key.bigNumber(cab_param_ec_x(), paddedTo: curve.coordinateLength),
                let y = key.bigNumber(cab_param_ec_y(), paddedTo: curve.coordinateLength)
            else { throw JWTError(.invalidKey, "cannot export the EC public key") }
            return ["kty": .string("EC"), "crv": .string(curve.jwkName), "x": .string(Base64URL.encode(x)), "y": .string(Base64URL.encode(y))]
        case .ed25519(let key):
            guard let x = key.raw(privateKey: false) else { throw JWTError(.invalidKey, "cannot export the Ed25519 public key") }
            return ["kty": .string("OKP"), "crv": .string("Ed25519"), "x": .string(Base64URL.encode(x))]
        }
    }

    /// The algorithms a JWK's `alg` registers: the algorithm itself and, for RSA, the same padding
    /// scheme with a stronger SHA-2 (a PS256 JWK verifies PS384, as RFC 7520's examples do; a PS512 JWK
    /// refuses PS256 — Wycheproof checks both). Never a weaker hash, never another scheme: an RS256 key
    /// refuses PS256, an HMAC key everything asymmetric.
    static func scheme(of algorithm: JWSAlgorithm) -> Set<JWSAlgorithm> {
        let ladder: [JWSAlgorithm]
        switch algorithm.family {
        case .rsaPKCS1: ladder = [.rs256, .rs384, .rs512]
        case .rsaPSS: ladder = [.ps256, .ps384, .ps512]
        default: return [algorithm]
        }
        return Set(ladder.drop(while: { $0 != algorithm }))
    }

    static func familyDefault(_ material: Material) -> JWSAlgorithm {
        switch material {
        case .hmac: .hs256
        case .rsa: .rs256
        case .ec(_, let curve): curve.algorithm
        case .ed25519: .edDSA
        }
    }

    /// (verify, sign) permitted by `use` and `key_ops` (RFC 7517 §4.2–4.3); inconsistent pairs permit
    /// neither.
    private static func usage(of members: JSONObject) throws(JWTError) -> (Bool, Bool) {
        var use: String? = nil
        if let value = members["use"] {
            guard let string = value.stringValue else { throw JWTError(.invalidKey, "use must be a string", member: "use") }
            use = string
        }
        var operations: Set<String>? = nil
        if let value = members["key_ops"] {
            guard case .array(let elements) = value else { throw JWTError(.invalidKey, "key_ops must be an array", member: "key_ops") }
            var set = Set<String>()
            for element in elements {
                guard let operation = element.stringValue, set.insert(operation).inserted else {
                    throw JWTError(.invalidKey, "key_ops must hold distinct strings", member: "key_ops")
                }
            }
            operations = set
        }
        if let use, use != "sig" { return (false, false) }
        guard let operations else { return (true, true) }
        if use == "sig" && !operations.isSubset(of: ["sign", "verify"]) { return (false, false) }
        return (operations.contains("verify"), operations.contains("sign"))
    }

    static func requiredBytes(_ members: JSONObject, _ name: String) throws(JWTError) -> [UInt8] {
        guard let bytes = try bytes(members, name, required: true) else { throw JWTError(.invalidKey, "the JWK lacks \(name)", member: name) }
        return bytes
    }

    static func bytes(_ members: JSONObject, _ name: String, required: Bool) throws(JWTError) -> [UInt8]? {
        guard let value = members[name] else {
            if required { throw JWTError(.invalidKey, "the JWK lacks \(name)", member: name) }
            return nil
        }
        guard let string = value.stringValue, let bytes = Base64URL.decode(string) else {
            throw JWTError(.invalidKey, "\(name) is not base64url", member: name)
        }
        return bytes
    }

    private static func rsaMaterial(_ members: JSONObject, limits: JWTLimits) throws(JWTError) -> (Material, Bool) {
        let n = try requiredBytes(members, "n")
        let e = try requiredBytes(members, "e")
        try RSAKeyCheck.check(modulus: n, exponent: e, limits: limits)
        if members["oth"] != nil { throw JWTError(.invalidKey, "multi-prime RSA keys are not supported", member: "oth") }
        let builder = try KeyBuilder()
        try builder.pushBigNumber(cab_param_rsa_n(), n)
        try builder.pushBigNumber(cab_param_rsa_e(), e)
        let isPrivate = members["d"] != nil
        if isPrivate {
            let names = ["d", "p", "q", "dp", "dq", "qi"]
            let parameters = [cab_param_rsa_d(), cab_param_rsa_p(), cab_param_rsa_q(), cab_param_rsa_dp(), cab_param_rsa_dq(), cab_param_rsa_qi()]
            for (name, parameter) in zip(names, parameters) {
                try builder.pushBigNumber(parameter, try requiredBytes(members, name))
            }
        }
        let key = try builder.build(keyType: "RSA", privateKey: isPrivate)
        guard isPrivate ? key.checkPair() : key.checkPublic() else { throw JWTError(.invalidKey, "libcrypto's RSA key check failed") }
        return (.rsa(key), isPrivate)
    }

    private static func ecMaterial(_ members: JSONObject) throws(JWTError) -> (Material, Bool) {
        guard let name = members["crv"]?.stringValue else { throw JWTError(.invalidKey, "the EC JWK lacks crv", member: "crv") }
        guard let curve = ECCurve(jwkName: name) else {
            throw JWTError(.unsupportedKeyType, "curve \(JWTError.printable(name)) is not supported", member: "crv")
        }
        let x = try requiredBytes(members, "x")
        let y = try requiredBytes(members, "y")
        guard x.count == curve.coordinateLength, y.count == curve.coordinateLength else {
            throw JWTError(.invalidKey, "\(curve.jwkName) coordinates must be \(curve.coordinateLength) bytes")
        }
        let builder = try KeyBuilder()
        try builder.pushString(cab_param_group(), curve.groupName)
        try builder.pushOctets(cab_param_pub(), [0x04] + x + y)
        let d = try bytes(members, "d", required: false)
        if let d {
            guard d.count == curve.coordinateLength else { throw JWTError(.invalidKey, "d must be \(curve.coordinateLength) bytes", member: "d") }
            try builder.pushBigNumber(cab_param_priv(), d)
        }
        let key = try builder.build(keyType: "EC", privateKey: d != nil)
        guard key.checkPublic() else { throw JWTError(.invalidKey, "the EC point is not on \(curve.jwkName)") }
        if d != nil, !key.checkPair() { throw JWTError(.invalidKey, "the EC private key does not match its public point") }
        return (.ec(key, curve), d != nil)
    }

    private static func okpMaterial(_ members: JSONObject) throws(JWTError) -> (Material, Bool) {
        guard let name = members["crv"]?.stringValue else { throw JWTError(.invalidKey, "the OKP JWK lacks crv", member: "crv") }
        guard name == "Ed25519" else { throw JWTError(.unsupportedKeyType, "OKP curve \(JWTError.printable(name)) is not supported", member: "crv") }
        let x = try requiredBytes(members, "x")
        guard x.count == 32 else { throw JWTError(.invalidKey, "Ed25519 x must be 32 bytes", member: "x") }
        if let d = try bytes(members, "d", required: false) {
            guard d.count == 32 else { throw JWTError(.invalidKey, "Ed25519 d must be 32 bytes", member: "d") }
            guard let pointer = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, d, 32) else {
                throw OpenSSLErrorStack.error(.invalidKey, "libcrypto refused the Ed25519 key")
            }
            let key = EVPKey(taking: pointer)
            guard key.raw(privateKey: false) == x else { throw JWTError(.invalidKey, "the Ed25519 private key does not match x") }
            return (.ed25519(key), true)
        }
        guard let pointer = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, x, 32) else {
            throw OpenSSLErrorStack.error(.invalidKey, "libcrypto refused the Ed25519 key")
        }
        return (.ed25519(EVPKey(taking: pointer)), false)
    }
}
