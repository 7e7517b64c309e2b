import AuthBridgeCrypto
import CAuthBridgeOpenSSL
import Foundation
import Testing

@testable import AuthBridgeJWT

@Suite("Keys: formats, round trips, allow-lists, redaction")
struct JWTKeyTests {
    static let message = Array("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0".utf8)

    @Test("every algorithm: generate, sign, verify; export the JWK with and without private members, re-import, repeat", arguments: JWSAlgorithm.all)
    func roundTrip(algorithm: JWSAlgorithm) throws {
        let key = try JWTKey.generate(for: algorithm, keyID: "k-\(algorithm.name)")
        let signer = try JWTSigner(key: key)
        let token = try signer.sign(["sub": "round-trip", "exp": 4_000_000_000])

        let verifyKey = key.isSymmetric ? key : try key.publicKey()
        let verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [verifyKey]))
        #expect(try verifier.verify(token).claims.subject == "round-trip")

        // Private JWK → key → sign; public JWK → key → verify.
        let privateJWK = try key.jwk(includingPrivateMembers: true)
        let reimported = try JWTKey(jwk: JWK(json: privateJWK.serialized))
        #expect(reimported.algorithm == algorithm)
        let second = try JWTSigner(key: reimported).sign(["sub": "again", "exp": 4_000_000_000])
        let publicJWK = key.isSymmetric ? privateJWK : try key.jwk()
        #expect(publicJWK.members["d"] == nil || key.isSymmetric)
        let publicKey = try JWTKey(jwk: JWK(json: publicJWK.serialized))
        #expect(try JWTVerifier(keys: JWTKeyCollection(keys: [publicKey])).verify(second).claims.subject == "again")
        #expect(try publicKey.thumbprint() == key.thumbprint())

        // Tampering with one payload byte breaks the signature.
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(#"{"sub":"round-trip","exp":4000000001}"#.utf8))
        #expect(throws: JWTError.self) { try verifier.verify(parts.joined(separator: ".")) }
        do { _ = try verifier.verify(parts.joined(separator: ".")) } catch { #expect(error.code == .badSignature) }
    }

    @Test("pooled libcrypto contexts: concurrent signing and verifying with shared keys stay correct")
    func concurrentUse() async throws {
        for algorithm in [JWSAlgorithm.hs256, .rs256, .ps256, .es256, .edDSA] {
            let key = try JWTKey.generate(for: algorithm, keyID: "shared")
            let signer = try JWTSigner(key: key)
            let verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [key.isSymmetric ? key : try key.publicKey()]))
            let bad = try JWTSigner(key: JWTKey.generate(for: algorithm, keyID: "shared")).sign(["exp": 4_000_000_000])
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var verified = 0
                        for round in 0..<25 {
                            let token = try signer.sign(["sub": .string("t\(task)-\(round)"), "exp": 4_000_000_000])
                            if try verifier.verify(token).claims.subject == "t\(task)-\(round)" { verified += 1 }
                            if (try? verifier.verify(bad)) != nil { verified -= 1000 }
                        }
                        return verified
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(results == 200, "\(algorithm)")
        }
    }

    @Test("PEM and DER import: SPKI, PKCS#8 and traditional RSA/EC private keys, Ed25519")
    func pemAndDER() throws {
        let cases: [(String, String, JWSAlgorithm)] = [
            (TestKeys.rsaTraditionalPEM, TestKeys.rsaPublicPEM, .rs256),
            (TestKeys.rsaPKCS8PEM, TestKeys.rsaPublicPEM, .ps256),
            (TestKeys.ecTraditionalPEM, TestKeys.ecPublicPEM, .es256),
            (TestKeys.ecPKCS8PEM, TestKeys.ecPublicPEM, .es256),
            (TestKeys.ed25519PKCS8PEM, TestKeys.ed25519PublicPEM, .edDSA),
        ]
        for (privatePEM, publicPEM, algorithm) in cases {
            let privateKey = try JWTKey(pem: privatePEM, algorithm: algorithm, keyID: "pem")
            #expect(privateKey.isPrivate)
            let publicKey = try JWTKey(pem: publicPEM, algorithm: algorithm, keyID: "pem")
            #expect(!publicKey.isPrivate)
            let token = try JWTSigner(key: privateKey).sign(["exp": 4_000_000_000])
            #expect(throws: Never.self) { try JWTVerifier(keys: JWTKeyCollection(keys: [publicKey])).verify(token) }
            // Our PEM exports read back as the same key.
            #expect(try JWTKey(pem: privateKey.publicKeyPEM(), algorithm: algorithm).thumbprint() == publicKey.thumbprint())
            let reread = try JWTKey(pem: privateKey.privateKeyPEM(), algorithm: algorithm)
            #expect(reread.isPrivate)
            #expect(try reread.thumbprint() == publicKey.thumbprint())
            #expect(throws: JWTError.self) { try publicKey.privateKeyPEM() }
        }
        let rsaPublic = try JWTKey(der: TestJSON.hex(TestKeys.rsaPublicDERHex), algorithm: .rs256)
        let rsaPKCS8 = try JWTKey(der: TestJSON.hex(TestKeys.rsaPKCS8DERHex), algorithm: .rs256)
        let rsaTraditional = try JWTKey(der: TestJSON.hex(TestKeys.rsaTraditionalDERHex), algorithm: .rs256)
        let ecTraditional = try JWTKey(der: TestJSON.hex(TestKeys.ecTraditionalDERHex), algorithm: .es256)
        #expect(!rsaPublic.isPrivate && rsaPKCS8.isPrivate && rsaTraditional.isPrivate && ecTraditional.isPrivate)
        #expect(try rsaPKCS8.thumbprint() == rsaPublic.thumbprint())
        #expect(try rsaTraditional.thumbprint() == rsaPublic.thumbprint())
    }

    @Test("bad key input is a typed error, never a crash, and leaves no libcrypto error behind")
    func badKeys() throws {
        let cases: [(() throws(JWTError) -> JWTKey, JWTError.Code)] = [
            ({ () throws(JWTError) in try JWTKey(pem: TestKeys.ecEncryptedPEM, algorithm: .es256) }, .invalidKey),
            (
                { () throws(JWTError) in try JWTKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", algorithm: .rs256) },
                .invalidKey
            ),
            ({ () throws(JWTError) in try JWTKey(der: [0x30, 0x03, 0x02, 0x01, 0x01], algorithm: .rs256) }, .invalidKey),
            ({ () throws(JWTError) in try JWTKey(pem: TestKeys.ecPublicPEM, algorithm: .rs256) }, .invalidKey),
            ({ () throws(JWTError) in try JWTKey(pem: TestKeys.rsaPublicPEM, algorithm: .hs256) }, .invalidKey),
            ({ () throws(JWTError) in try JWTKey.hmac(secret: Array(repeating: 7, count: 31), algorithm: .hs256) }, .keyTooSmall),
            ({ () throws(JWTError) in try JWTKey.hmac(secret: [], algorithm: .hs256) }, .invalidKey),
            ({ () throws(JWTError) in try JWTKey.hmac(secret: Array(repeating: 7, count: 64), algorithm: .rs256) }, .invalidKey),
            ({ () throws(JWTError) in try JWTKey.generate(for: .rs256, rsaBits: 1024) }, .keyTooSmall),
        ]
        for (make, code) in cases {
            do {
                _ = try make()
                Issue.record("accepted a bad key, expected \(code)")
            } catch {
                #expect(error.code == code, "\(error)")
            }
            #expect(ERR_peek_error() == 0, "libcrypto's error queue was left non-empty")
        }
    }

    @Test("an RSA or EC public key can never act as an HMAC secret")
    func noAlgorithmConfusion() throws {
        let rsa = try JWTKey(pem: TestKeys.rsaPublicPEM, algorithm: .rs256, keyID: "k")
        #expect(throws: JWTError.self) { try rsa.allowing([.hs256]) }
        // An HS256 token made with the PEM bytes as the secret is refused before any MAC is computed.
        let secret = Array(TestKeys.rsaPublicPEM.utf8)
        let forged = try JWTSigner(key: .hmac(secret: secret, algorithm: .hs256, keyID: "k")).sign(["exp": 4_000_000_000])
        do {
            _ = try JWTVerifier(keys: JWTKeyCollection(keys: [rsa])).verify(forged)
            Issue.record("accepted an HS256 token on an RSA key")
        } catch {
            #expect(error.code == .algorithmNotAllowed)
        }
    }

    @Test("descriptions and mirrors never show key material")
    func redaction() throws {
        let secretBytes = Array("a-very-secret-zendesk-shared-key-0123456789".utf8)
        let hmac = try JWTKey.hmac(secret: secretBytes, keyID: "app_1")
        let jwk = try hmac.jwk(includingPrivateMembers: true)
        let secretB64 = Base64URL.encode(secretBytes)
        var dumped = ""
        dump(hmac, to: &dumped)
        dump(jwk, to: &dumped)
        for text in [hmac.description, String(describing: hmac), String(reflecting: hmac), jwk.description, dumped] {
            #expect(!text.contains("secret-zendesk"))
            #expect(!text.contains(secretB64))
        }
        let ec = try JWTKey.generate(for: .es256, keyID: "ec")
        let d = try ec.jwk(includingPrivateMembers: true).members["d"]?.stringValue ?? "missing"
        #expect(!ec.description.contains(d))
        #expect(ec.description == #"JWTKey(ES256, kid: "ec", EC P-256 private)"#)
    }

    @Test("wiping a released HMAC secret never touches the caller's own array")
    func secretWipeStaysInsideTheKey() throws {
        let secret = [UInt8](repeating: 0x41, count: 32)
        do {
            let key = try JWTKey.hmac(secret: secret, keyID: "k")
            #expect(try JWTSigner(key: key).sign(["exp": 4_000_000_000]).isEmpty == false)
        }
        #expect(secret == [UInt8](repeating: 0x41, count: 32))
    }

    @Test("the ROCA fingerprint is found in the Wycheproof key and not in ordinary keys")
    func roca() throws {
        for _ in 0..<3 {
            let key = try JWTKey.generate(for: .rs256)
            let n = try #require(Base64URL.decode(try key.jwk().members["n"]?.stringValue ?? ""))
            #expect(try !RSAKeyCheck.hasROCAFingerprint(n))
        }
        guard let directory = Vectors.require("wycheproof/json_web_key_test.json") else { return }
        let file = try TestJSON.load(directory.appendingPathComponent("wycheproof/json_web_key_test.json"))
        let group = try #require(file["testGroups"]?.array.first { $0["comment"]?.string == "jws_rsa_roca_key" })
        let n = try #require(Base64URL.decode(group["private"]?["keys"]?.array.first?["n"]?.string ?? ""))
        #expect(try RSAKeyCheck.hasROCAFingerprint(n))
        let rocaJWK = try #require(group["private"]?["keys"]?.array.first).text
        let error = JWTVerifierTests.error { _ = try JWTKey(jwk: JWK(json: rocaJWK)) }
        #expect(error?.code == .invalidKey && error?.reason.contains("ROCA") == true)
    }
}
