import AuthBridge
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeOIDC
import AuthBridgeRedis
import AuthBridgeServer
import AuthBridgeZendesk
import Dispatch
import Foundation

/// Every parser that reads outside input (issue 20), each a ``FuzzTarget``.
package enum FuzzTargets {
    package static let all: [FuzzTarget] = [
        FuzzTarget("jws", "a compact JWS verified against an HS256 and an ES256 key", run: Self.jws),
        FuzzTarget("json", "the strict JSON reader; what it reads serializes and reads back equal", run: Self.json),
        FuzzTarget("jwk", "a JWK and a JWK Set, and the keys made of them", run: Self.jwk),
        FuzzTarget("pem", "a PEM key, as RS256, ES256 and EdDSA, private and public", run: Self.pem),
        FuzzTarget("resp", "Redis replies (RESP2 and RESP3), cluster slot maps and redirections", run: RedisFuzzedParsers.replies),
        FuzzTarget("form", "the token endpoint's form body", run: OIDCFuzzedParsers.formBody),
        FuzzTarget("page-request", "the page route's JSON body", run: ServerFuzzedParsers.pageRequest),
        FuzzTarget("data-action", "the messaging-context data action's input", run: ServerFuzzedParsers.dataActionInput),
        FuzzTarget("configuration", "a JSON configuration file", run: Self.configuration),
        FuzzTarget("zendesk-response", "Zendesk answers: errors, grants, token info, chats, Sunshine messages", run: ZendeskFuzzedParsers.response),
        FuzzTarget("genesys-response", "Genesys answers: errors, objects, External Contacts", run: GenesysFuzzedParsers.response),
    ]

    /// The target called `name`, if any.
    package static func named(_ name: String) -> FuzzTarget? {
        Self.all.first { $0.name == name }
    }

    private static let hmacKey = Result { try JWTKey.hmac(secret: Array("fuzzing-hmac-secret-0123456789-abcdef".utf8), keyID: "h") }
    private static let ecKey = Result { try JWTKey.generate(for: .es256, keyID: "e") }
    private static let verifier = Result { () throws -> JWTVerifier in
        JWTVerifier(keys: try JWTKeyCollection(keys: [try Self.hmacKey.get(), try Self.ecKey.get().publicKey()]))
    }

    static func jws(_ bytes: UnsafeRawBufferPointer) {
        guard let verifier = try? Self.verifier.get() else { return }
        _ = try? verifier.verify(String(decoding: bytes, as: UTF8.self))
    }

    static func json(_ bytes: UnsafeRawBufferPointer) {
        guard let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self), maximumDepth: 64) else { return }
        // An oracle beyond traps: what was read is written as JSON that reads back the same.
        guard let again = try? JSONValue(parsing: value.serialized, maximumDepth: 64) else {
            preconditionFailure("serialized JSON does not read back")
        }
        precondition(again == value, "JSON changed through serialization")
    }

    static func jwk(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let jwk = try? JWK(json: text) {
            _ = try? JWTKey(jwk: jwk)
            _ = try? jwk.thumbprint()
        }
        if let set = try? JWKSet(json: text) { _ = try? JWTKeyCollection(jwks: set) }
    }

    static func pem(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        for algorithm in [JWSAlgorithm.rs256, .es256, .edDSA] { _ = try? JWTKey(pem: text, algorithm: algorithm) }
    }

    /// Through swift-configuration's file provider, as `authbridge serve --config` reads it.
    static func configuration(_ bytes: UnsafeRawBufferPointer) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-fuzz-\(ProcessInfo.processInfo.processIdentifier).json")
        guard (try? Data(bytes).write(to: file)) != nil else { return }
        defer { try? FileManager.default.removeItem(at: file) }
        // Callers run this on a thread of their own, never on Swift's cooperative pool, which the
        // blocked wait would starve (libFuzzer's thread; FuzzTargetsTests' Dispatch threads).
        let done = DispatchSemaphore(value: 0)
        let path = file.path
        // The fuzzer calls synchronously; the loader is async.
        Task.detached {
            _ = try? await AuthBridgeConfiguration.load(filePath: path, environment: [:])
            done.signal()
        }
        done.wait()
    }
}
