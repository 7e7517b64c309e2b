import AuthBridgeCrypto
import CAuthBridgeOpenSSL
import Foundation
import Testing

@testable import AuthBridgeJWT

@Suite("Verifier: structure, headers, claims, limits")
struct JWTVerifierTests {
    static let now: Double = 1_750_000_000
    static let key = try! JWTKey.hmac(secret: Array(repeating: 0x42, count: 32), algorithm: .hs256, keyID: "k1")

    static func verifier(_ configure: (inout JWTValidationOptions) -> Void = { _ in }) -> JWTVerifier {
        var options = JWTValidationOptions(clock: .fixed(now))
        configure(&options)
        return JWTVerifier(keys: try! JWTKeyCollection(keys: [key]), options: options)
    }

    /// A token with a hand-written header and payload, correctly signed with `key`.
    static func token(header: String = #"{"alg":"HS256","kid":"k1"}"#, payload: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return try JWTSigner(key: key, type: nil).sign(signingInput: input)
    }

    static func code(_ body: () throws -> Void) -> JWTError.Code? { error(body)?.code }

    static func error(_ body: () throws -> Void) -> JWTError? {
        do {
            try body()
            return nil
        } catch let error as JWTError {
            #expect(ERR_peek_error() == 0, "libcrypto's error queue was left non-empty")
            return error
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test("time claims: exp, nbf, iat with leeway; maximum age; how far beyond the limit is reported")
    func timeClaims() throws {
        let v = Self.verifier()
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1750000000}"#)) } == nil)  // inside leeway
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1749999940}"#)) } == .expired)  // exactly exp + leeway
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1749999940.5}"#)) } == nil)
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1750000100,"nbf":1750000061}"#)) } == .notYetValid)
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1750000100,"nbf":1750000060}"#)) } == nil)
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: #"{"exp":1750000100,"iat":1750000061}"#)) } == .issuedInFuture)
        let expired = Self.error { _ = try v.verify(try Self.token(payload: #"{"exp":1749999000}"#)) }
        #expect(expired?.code == .expired && expired?.secondsBeyondLimit == 1000 && expired?.member == "exp")
        let aged = Self.verifier { $0.maximumAge = .seconds(300) }
        #expect(Self.code { _ = try aged.verify(try! Self.token(payload: #"{"exp":1750000100,"iat":1749999600}"#)) } == .tooOld)
        #expect(Self.code { _ = try aged.verify(try! Self.token(payload: #"{"exp":1750000100,"iat":1749999700}"#)) } == nil)
        #expect(Self.code { _ = try aged.verify(try! Self.token(payload: #"{"exp":1750000100}"#)) } == .missingClaim)
        // The leeway is capped at five minutes, whatever is configured.
        #expect(JWTValidationOptions(leeway: .seconds(3600)).leeway == .seconds(300))
    }

    @Test("NumericDate accepts integers and fractions, refuses strings, booleans, negatives and 1e300 without trapping")
    func numericDates() {
        let v = Self.verifier()
        for payload in [
            #"{"exp":"1750000100"}"#, #"{"exp":true}"#, #"{"exp":-1}"#, #"{"exp":1e300}"#, #"{"exp":253402300800}"#, #"{"exp":null}"#,
            #"{"exp":1750000100,"iat":1e309}"#,
        ] {
            let code = Self.code { _ = try v.verify(try! Self.token(payload: payload)) }
            #expect(code == .invalidClaim || (payload.contains("1e309") && code == .malformed), "\(payload) → \(String(describing: code))")
        }
    }

    @Test("iss, aud (string or array), required claims, typ policies")
    func registeredClaims() {
        let v = Self.verifier {
            $0.issuer = "https://zendesk.example"
            $0.audience = "authbridge"
            $0.requiredClaims = ["exp", "external_id"]
        }
        let good = #"{"exp":1750000100,"iss":"https://zendesk.example","aud":["x","authbridge"],"external_id":"c-1"}"#
        #expect(Self.code { _ = try v.verify(try! Self.token(payload: good)) } == nil)
        #expect(
            Self.code { _ = try v.verify(try! Self.token(payload: good.replacingOccurrences(of: "example\"", with: "example/\""))) }
                == .issuerMismatch)
        #expect(
            Self.code { _ = try v.verify(try! Self.token(payload: good.replacingOccurrences(of: #"["x","authbridge"]"#, with: #""AuthBridge""#))) }
                == .audienceMismatch)
        #expect(
            Self.code { _ = try v.verify(try! Self.token(payload: good.replacingOccurrences(of: #"["x","authbridge"]"#, with: "[]"))) }
                == .audienceMismatch)
        #expect(
            Self.code { _ = try v.verify(try! Self.token(payload: good.replacingOccurrences(of: #"["x","authbridge"]"#, with: "[1]"))) }
                == .invalidClaim)
        #expect(
            Self.code { _ = try v.verify(try! Self.token(payload: good.replacingOccurrences(of: "external_id", with: "other"))) } == .missingClaim)

        let payload = #"{"exp":1750000100}"#
        let atJWT = Self.verifier { $0.typePolicy = .oneOf(["at+jwt"]) }
        #expect(
            Self.code { _ = try atJWT.verify(try! Self.token(header: #"{"alg":"HS256","kid":"k1","typ":"application/AT+JWT"}"#, payload: payload)) }
                == nil)
        #expect(
            Self.code { _ = try atJWT.verify(try! Self.token(header: #"{"alg":"HS256","kid":"k1","typ":"JWT"}"#, payload: payload)) } == .typeMismatch
        )
        #expect(Self.code { _ = try atJWT.verify(try! Self.token(payload: payload)) } == .typeMismatch)
        #expect(
            Self.code { _ = try Self.verifier().verify(try! Self.token(header: #"{"alg":"HS256","kid":"k1","typ":"jwt"}"#, payload: payload)) } == nil
        )
    }

    @Test("headers: none in any casing, unknown alg, crit, b64, zip, nested JWT, jku/x5u/jwk ignored, kid rules")
    func headers() throws {
        let v = Self.verifier()
        let payload = #"{"exp":1750000100}"#
        let cases: [(String, JWTError.Code?)] = [
            (#"{"alg":"none","kid":"k1"}"#, .algorithmNotAllowed),
            (#"{"alg":"nOnE","kid":"k1"}"#, .algorithmNotAllowed),
            (#"{"alg":"hs256","kid":"k1"}"#, .algorithmNotAllowed),
            (#"{"alg":"HS256","kid":"k1","crit":["exp"],"exp":1}"#, .unsupportedCriticalHeader),
            (#"{"alg":"HS256","kid":"k1","crit":["alg"]}"#, .malformed),
            (#"{"alg":"HS256","kid":"k1","crit":"x"}"#, .malformed),
            (#"{"alg":"HS256","kid":"k1","b64":true}"#, .malformed),
            (#"{"alg":"HS256","kid":"k1","zip":"DEF"}"#, .unsupportedHeader),
            (#"{"alg":"HS256","kid":"k1","cty":"JWT"}"#, .unsupportedHeader),
            (#"{"alg":"HS256","kid":"k1","jku":"https://evil.example/jwks","x5u":"https://evil.example/c"}"#, nil),
            (#"{"alg":"HS256","kid":"k2"}"#, .keyNotFound),
            (#"{"alg":"HS256","kid":"K1"}"#, .keyNotFound),
            (#"{"alg":"HS256"}"#, .keyNotFound),
            (#"{"alg":"HS256","kid":7}"#, .malformed),
            (#"{"alg":"HS256","kid":"k1","alg":"HS256"}"#, .malformed),
            (#"["alg","HS256"]"#, .malformed),
        ]
        for (header, expected) in cases {
            #expect(Self.code { _ = try v.verify(try! Self.token(header: header, payload: payload)) } == expected, "\(header)")
        }
        // Without a kid: only with exactly one key and the caller's consent.
        var keys = try JWTKeyCollection(keys: [Self.key])
        keys.allowsTokensWithoutKeyID = true
        let lenient = JWTVerifier(keys: keys, options: JWTValidationOptions(clock: .fixed(Self.now)))
        #expect(Self.code { _ = try lenient.verify(try! Self.token(header: #"{"alg":"HS256"}"#, payload: payload)) } == nil)
        var two = keys
        try two.add(JWTKey.hmac(secret: Array(repeating: 1, count: 32), keyID: "k2"))
        #expect(
            Self.code {
                _ = try JWTVerifier(keys: two, options: lenient.options).verify(try! Self.token(header: #"{"alg":"HS256"}"#, payload: payload))
            } == .keyNotFound)
        #expect(throws: JWTError.self) { try two.add(JWTKey.hmac(secret: Array(repeating: 2, count: 32), keyID: "k2")) }
        // The verifier names the kid it could not find, escaped.
        let notFound = Self.error { _ = try v.verify(try Self.token(header: #"{"alg":"HS256","kid":"../\u0000x"}"#, payload: payload)) }
        #expect(notFound?.code == .keyNotFound && notFound?.keyID == #"../\u{0}x"#)
    }

    @Test("structure and size limits: segments, base64url, token, header, depth, duplicates, UTF-8")
    func structureAndLimits() throws {
        let v = Self.verifier()
        let good = try Self.token(payload: #"{"exp":1750000100}"#)
        let parts = good.split(separator: ".").map(String.init)
        let big = try Self.token(payload: #"{"exp":1750000100,"pad":""# + String(repeating: "x", count: 9000) + #""}"#)
        let deep = try Self.token(payload: #"{"exp":1750000100,"d":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}")
        let cases: [(String, JWTError.Code)] = [
            ("", .malformed),
            (parts[0] + "." + parts[1], .malformed),
            (good + ".", .malformed),
            (parts[0] + "." + parts[1] + "." + parts[2] + "=", .malformed),
            (" " + good, .malformed),
            (
                parts[0] + "." + parts[1] + "." + parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "+",
                .malformed
            ),
            (big, .tokenTooLarge),
            (deep, .malformed),
            (
                try Self.token(header: #"{"alg":"HS256","kid":"k1","x":""# + String(repeating: "y", count: 2000) + #""}"#, payload: "{}"),
                .tokenTooLarge
            ),
            (try Self.token(payload: #"{"exp":1750000100,"sub":"a","sub":"b"}"#), .malformed),
            (try Self.token(payload: "[1]"), .malformed),
            (try Self.token(payload: #"{"exp":1750000100} x"#), .malformed),
            (try Self.token(payload: #"{"exp":1750000100,"s":"\ud800"}"#), .malformed),
        ]
        for (token, expected) in cases {
            #expect(Self.code { _ = try v.verify(token) } == expected, "\(token.prefix(60))")
        }
        // Invalid UTF-8 inside a string.
        let header = Base64URL.encode(Array(#"{"alg":"HS256","kid":"k1"}"#.utf8))
        let payload = Base64URL.encode(Array(#"{"exp":1750000100,"s":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        let badUTF8 = try JWTSigner(key: Self.key, type: nil).sign(signingInput: header + "." + payload)
        #expect(Self.code { _ = try v.verify(badUTF8) } == .malformed)
        // The signature is checked over the segments as received, in constant time, at full length only.
        var truncated = parts
        truncated[2] = Base64URL.encode(try #require(Base64URL.decode(parts[2])).dropLast(2))
        #expect(Self.code { _ = try v.verify(truncated.joined(separator: ".")) } == .badSignature)
        // Limits are configurable.
        let roomy = Self.verifier { $0.limits.maximumTokenBytes = 16384 }
        #expect(Self.code { _ = try roomy.verify(big) } == nil)
    }

    @Test("claims are validated in full, read on demand: nested duplicates, escaped names, arrays")
    func claimsOnDemand() throws {
        let v = Self.verifier()
        let payload = #"{"exp":1750000100,"name":"Ad\u00e9la \"A\"","tags":["vip",{"tier":2}],"ctx":{"page":"/help"},"n":-1.5e2}"#
        let claims = try v.verify(try Self.token(payload: payload)).claims
        #expect(claims.names == ["exp", "name", "tags", "ctx", "n"])
        #expect(claims["name"] == .string("Adéla \"A\""))
        #expect(claims["tags"] == ["vip", ["tier": 2]])
        #expect(claims["ctx"]?.objectValue?["page"] == "/help")
        #expect(claims["n"] == .number(-150))
        #expect(claims["missing"] == nil && !claims.contains("missing") && claims.contains("ctx"))
        #expect(claims.members.count == 5 && claims.members["exp"] == 1_750_000_100)
        for bad in [
            #"{"exp":1750000100,"ctx":{"a":1,"a":2}}"#,
            #"{"exp":1750000100,"e\u0078p":1750000100}"#,
            #"{"exp":1750000100,"t":[1,2,]}"#,
            #"{"exp":1750000100,"t":"\x"}"#,
            #"{"exp":1750000100,"t":01}"#,
            #"{"exp":1750000100,"t":tru}"#,
        ] {
            #expect(Self.code { _ = try v.verify(try Self.token(payload: bad)) } == .malformed, "\(bad)")
        }
    }

    @Test("member names compare as strings: escaped and canonically equivalent names are duplicates, escaped registered names count")
    func nameEquivalence() throws {
        let v = Self.verifier()
        for bad in [
            #"{"exp":1750000100,"\u00e9":1,"e\u0301":2}"#,
            #"{"exp":1750000100,"Kid":1,"\u212Aid":2}"#,
            #"{"exp":1750000100,"ab":1,"a\u0062":2}"#,
        ] {
            #expect(Self.code { _ = try v.verify(try Self.token(payload: bad)) } == .malformed, "\(bad)")
        }
        #expect(Self.code { _ = try v.verify(try Self.token(payload: #"{"e\u0078p":1749999000}"#)) } == .expired)
        let claims = try v.verify(try Self.token(payload: #"{"exp":1750000100,"\u00e9":1,"K":2}"#)).claims
        #expect(claims.names == ["exp", "é", "K"])
        #expect(claims["é"] == 1 && claims["e\u{301}"] == 1 && claims["\u{212A}"] == 2 && claims["k"] == nil)
    }

    @Test("iss and aud compare as strings whether written plainly, escaped or in another normal form")
    func issuerAndAudienceComparison() throws {
        let v = Self.verifier {
            $0.issuer = "https://a.example/é"; $0.audience = "app"
        }
        for payload in [
            #"{"exp":1750000100,"iss":"https://a.example/é","aud":"app"}"#,
            #"{"exp":1750000100,"iss":"https:\/\/a.example\/\u00e9","aud":["x","app"]}"#,
            #"{"exp":1750000100,"iss":"https://a.example/e\u0301","aud":"\u0061pp"}"#,
        ] {
            let claims = try v.verify(try Self.token(payload: payload)).claims
            #expect(claims.issuer == "https://a.example/é" && claims.audience?.contains("app") == true, "\(payload)")
        }
        let plain = Self.verifier {
            $0.issuer = "https://a.example"; $0.audience = "app"
        }
        let cases: [(String, JWTError.Code, String)] = [
            (#"{"exp":1750000100,"aud":"app"}"#, .issuerMismatch, "the token has no iss"),
            (#"{"exp":1750000100,"iss":"https://a.example/","aud":"app"}"#, .issuerMismatch, "iss is not the expected issuer"),
            (#"{"exp":1750000100,"iss":"https://a.example"}"#, .audienceMismatch, "the token has no aud"),
            (#"{"exp":1750000100,"iss":"https://a.example","aud":["ap","apps"]}"#, .audienceMismatch, "aud does not name this audience"),
            (#"{"exp":1750000100,"iss":1,"aud":"app"}"#, .invalidClaim, "iss must be a string"),
            (#"{"exp":1750000100,"iss":"https://a.example","aud":["app",1]}"#, .invalidClaim, "aud must hold strings"),
            (#"{"exp":1750000100,"iss":"https://a.example","aud":{"a":1}}"#, .invalidClaim, "aud must be a string or an array of strings"),
        ]
        for (payload, code, reason) in cases {
            let error = Self.error { _ = try plain.verify(try Self.token(payload: payload)) }
            #expect(error?.code == code && error?.reason == reason, "\(payload): \(String(describing: error))")
        }
        let claims = try plain.verify(try Self.token(payload: #"{"exp":1750000100,"iss":"https://a.example","aud":"app","sub":"s\"1","jti":"j"}"#))
            .claims
        #expect(claims.subject == "s\"1" && claims.jwtID == "j" && claims.audience == ["app"])
    }

    @Test("strings are scanned eight bytes at a time: a special byte is found at every offset")
    func stringScanOffsets() throws {
        let v = Self.verifier()
        for position in 0..<20 {
            let before = String(repeating: "a", count: position), after = String(repeating: "b", count: 19 - position)
            // Escaped quote and non-ASCII: accepted, read back exactly, by both readers.
            for (written, decoded) in [(#"\""#, "\""), ("é", "é"), (#"\u00e9"#, "é")] {
                let text = before + written + after
                #expect(try JSONValue(parsing: "\"\(text)\"") == .string(before + decoded + after))
                let claims = try v.verify(try Self.token(payload: #"{"exp":1750000100,"s":""# + text + #""}"#)).claims
                #expect(claims["s"] == .string(before + decoded + after))
            }
            // A raw control character or an unterminated string: refused.
            for bad in [before + "\u{1}" + after, before + "\t" + after] {
                #expect(throws: JWTError.self) { try JSONValue(parsing: "\"\(bad)\"") }
                #expect(Self.code { _ = try v.verify(try Self.token(payload: #"{"exp":1750000100,"s":""# + bad + #""}"#)) } == .malformed)
            }
            #expect(throws: JWTError.self) { try JSONValue(parsing: "\"" + before) }
        }
    }

    @Test("a remembered header is reused only for identical bytes; signature and claims are checked on every token")
    func rememberedHeaders() throws {
        let v = Self.verifier()
        let good = try Self.token(payload: #"{"exp":1750000100}"#)
        #expect(Self.code { _ = try v.verify(good) } == nil)
        #expect(Self.code { _ = try v.verify(good) } == nil)
        let parts = good.split(separator: ".").map(String.init)
        let otherKey = try JWTKey.hmac(secret: Array(repeating: 0x43, count: 32), algorithm: .hs256, keyID: "k1")
        let forged = try JWTSigner(key: otherKey, type: nil).sign(signingInput: parts[0] + "." + parts[1])
        #expect(Self.code { _ = try v.verify(forged) } == .badSignature)
        #expect(Self.code { _ = try v.verify(try Self.token(payload: #"{"exp":1749999000}"#)) } == .expired)
        // More distinct headers than the verifier remembers still verify, and still fail when they should.
        for index in 0..<8 {
            let header = #"{"alg":"HS256","kid":"k1","n":\#(index)}"#
            #expect(Self.code { _ = try v.verify(try Self.token(header: header, payload: #"{"exp":1750000100}"#)) } == nil)
            #expect(Self.code { _ = try v.verify(try Self.token(header: header, payload: #"{"exp":1749999000}"#)) } == .expired)
        }
        // The same header bytes meet another verifier's own options.
        let strict = Self.verifier { $0.allowedAlgorithms = [.hs384] }
        #expect(Self.code { _ = try strict.verify(good) } == .algorithmNotAllowed)
    }

    @Test("the caller's Decodable type decodes from the verified claims")
    func decodable() throws {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        // Zendesk's claim names, decoded as they are.
        struct ZendeskClaims: Decodable { let external_id: String; let email_verified: Bool? }
        let (verified, claims) = try Self.verifier().verify(
            try Self.token(payload: #"{"exp":1750000100,"external_id":"c-9","email_verified":true}"#), as: ZendeskClaims.self)
        #expect(claims.external_id == "c-9" && claims.email_verified == true && verified.claims.expiresAt == 1_750_000_100)
        #expect(
            Self.code { _ = try Self.verifier().verify(try! Self.token(payload: #"{"exp":1750000100}"#), as: ZendeskClaims.self) }
                == .payloadDecodingFailed)
    }

    @Test("key use: an enc key or a key_ops without verify refuses to verify")
    func keyUse() throws {
        let jwk = try JWK(json: #"{"kty":"oct","kid":"k1","alg":"HS256","use":"enc","k":"\#(Base64URL.encode(Array(repeating: 0x42, count: 32)))"}"#)
        let verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [JWTKey(jwk: jwk)]), options: JWTValidationOptions(clock: .fixed(Self.now)))
        #expect(Self.code { _ = try verifier.verify(try! Self.token(payload: #"{"exp":1750000100}"#)) } == .keyUseMismatch)
        #expect(throws: JWTError.self) { try JWTSigner(key: JWTKey(jwk: jwk)) }
    }

    @Test("random garbage never crashes or hangs the verifier")
    func fuzz() throws {
        var generator = SystemRandomNumberGenerator()
        let v = Self.verifier()
        let alphabet = Array("eyJhbGciOiJIUzI1NiJ9.-_AZaz09{}\":,[]".utf8)
        let good = Array(try Self.token(payload: #"{"exp":1750000100,"a":[1,{"b":null}]}"#).utf8)
        for round in 0..<3000 {
            var bytes = good
            for _ in 0..<(1 + round % 6) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = round % 2 == 0 ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let token = String(decoding: bytes, as: UTF8.self)
            if token == String(decoding: good, as: UTF8.self) { continue }
            _ = Self.code { _ = try v.verify(token) }
        }
        #expect(ERR_peek_error() == 0)
    }
}
