import AsyncHTTPClient
import AuthBridge
import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeTestSupport
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// Shared helpers: secret checks over every form of a diagnosis, raw HTTP calls, JWT signing.
enum DiagnosisSupport {
    static let logger = Logger(label: "diagnosis-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Every text a diagnosis can produce: description, summary, JSON, the fields, and `dump`.
    static func texts(_ diagnosis: Diagnosis) -> [String] {
        var dumped = ""
        dump(diagnosis, to: &dumped)
        return [
            diagnosis.description, diagnosis.summary, diagnosis.json, diagnosis.rendered, diagnosis.explanation, diagnosis.remedy, dumped,
            "\(diagnosis)",
        ]
    }

    /// Records an issue when any secret appears in any form of the diagnosis.
    static func expectNoSecret(_ diagnosis: Diagnosis, _ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where !secret.isEmpty {
            for text in self.texts(diagnosis) {
                #expect(!text.contains(secret), "a secret leaked into the diagnosis", sourceLocation: sourceLocation)
            }
        }
        // The JSON form is one valid object.
        #expect((try? JSONValue(parsing: diagnosis.json))?.objectValue != nil, sourceLocation: sourceLocation)
    }

    /// Sends one request by hand and returns the answer as a `PeerResponse`.
    static func send(
        _ client: HTTPClient,
        _ method: HTTPMethod,
        _ url: String,
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> PeerResponse {
        let reply = try await TestHTTP.send(method, url, headers: headers, body: body.map { .text($0) }, client: client)
        return PeerResponse(
            status: reply.status,
            headers: reply.headers.map { PeerResponse.Header(name: $0.name, value: $0.value) },
            body: reply.bytes
        )
    }

    /// Signs `claims` as a JWT.
    static func sign(_ claims: JSONObject, secret: String, keyID: String?, algorithm: JWSAlgorithm = .hs256) throws -> Secret {
        let key = try JWTKey.hmac(secret: Array(secret.utf8), algorithm: algorithm, keyID: keyID)
        return Secret(try JWTSigner(key: key, algorithm: algorithm).sign(claims))
    }

    /// Runs `body` and returns what it threw; records an issue when it did not throw.
    static func failure(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            Issue.record("expected a failure", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }
}
