internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

/// The Genesys emulator's behaviour: authentication, rate limits, and the emulated resources.
final class GenesysEmulatorBackend: Sendable {
    let configuration: GenesysEmulator.Configuration
    let state = Mutex(GenesysEmulatorState())
    let signer: JWTSigner
    let verifier: JWTVerifier
    /// The server's base URL, known once it listens (for `eventStreamUri`).
    let baseURL = Mutex("")

    static let correlationHeader = HTTPFields.Element.Name("inin-correlation-id")
    static let retryAfterHeader = HTTPFields.Element.Name("Retry-After")

    init(configuration: GenesysEmulator.Configuration) throws {
        self.configuration = configuration
        var secret = [UInt8](repeating: 0, count: 32)
        for index in secret.indices { secret[index] = UInt8.random(in: 0...255) }
        let key = try JWTKey.hmac(secret: secret, keyID: "genesys-emulator-\(configuration.regionName)")
        self.signer = try JWTSigner(key: key)
        self.verifier = JWTVerifier(keys: try JWTKeyCollection(keys: [key]))
        self.state.withLock { state in
            for integration in configuration.openIDIntegrations { state.integrations[integration.id] = integration }
            for deployment in configuration.messengerDeployments { state.deployments[deployment.id] = deployment }
        }
    }

    // MARK: - Responses

    /// A JSON response with a fresh `inin-correlation-id`.
    func reply(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        if let name = Self.correlationHeader { headers[name] = Self.newID() }
        return EmulatorJSON.response(json: value.serialized, status: status, headers: headers)
    }

    /// A platform `ErrorBody`, whose `contextId` equals the `inin-correlation-id` header.
    func error(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) -> Response {
        let contextID = Self.newID()
        var headers = headers
        if let name = Self.correlationHeader { headers[name] = contextID }
        let body: JSONValue = [
            "message": .string(message),
            "code": .string(code),
            "status": .number(Double(status.code)),
            "messageWithParams": .string(message),
            "messageParams": [:],
            "contextId": .string(contextID),
            "details": [],
            "errors": [],
        ]
        return EmulatorJSON.response(json: body.serialized, status: status, headers: headers)
    }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// Genesys's 400 for a body it cannot parse.
    func malformed() -> Response {
        self.error(.badRequest, code: "bad.request", message: "The request could not be understood by the server due to malformed syntax.")
    }

    static func now() -> String { Date().ISO8601Format() }

    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        var request = request
        return Array(buffer: try await request.collectBody(upTo: limit))
    }

    static func jsonObject(_ bytes: [UInt8]) -> JSONObject? {
        (try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)))?.objectValue
    }

    // MARK: - Platform authentication and rate limit

    private enum RateOutcome {
        case valid(GenesysEmulatorState.IssuedToken)
        case unknown
        case limited(Duration)
    }

    /// The client of the request's valid bearer token, or the error response to send.
    func authorize(_ request: Request) -> GenesysEmulatorCheck<GenesysEmulatorState.IssuedToken> {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return .failure(self.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials."))
        }
        let token = String(header.dropFirst("bearer ".count))
        let now = ContinuousClock.now
        let window = self.configuration.rateLimitWindow
        let limit = self.configuration.rateLimitPerToken
        let outcome: RateOutcome = self.state.withLock { state in
            // A token another emulator (another region) issued is simply unknown here.
            guard var issued = state.tokens[token], issued.expiresAt > now else { return .unknown }
            if now - issued.windowStart >= window {
                issued.windowStart = now
                issued.windowCount = 0
            }
            issued.windowCount += 1
            state.tokens[token] = issued
            if issued.windowCount > limit { return .limited(window - (now - issued.windowStart)) }
            return .valid(issued)
        }
        switch outcome {
        case .valid(let issued):
            return .success(issued)
        case .unknown:
            return .failure(self.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials."))
        case .limited(let wait):
            let waited = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
            let seconds = max(1, Int(waited.rounded(.up)))
            var headers = HTTPFields()
            if let name = Self.retryAfterHeader { headers[name] = String(seconds) }
            return .failure(
                self.error(
                    .tooManyRequests,
                    code: "too.many.requests",
                    message: "Rate limit exceeded the maximum [\(limit)] requests within [\(window.components.seconds)] s",
                    headers: headers
                )
            )
        }
    }
}

extension GenesysEmulatorBackend {
    /// Runs a retired API's handler with ``GenesysEmulator/Configuration/legacyWebChat``; else answers as
    /// a removed API: 404 with a platform `ErrorBody` (code `not.found`).
    func legacy(_ handler: () async throws -> Response) async throws -> Response {
        guard self.configuration.legacyWebChat else {
            return self.error(.notFound, code: "not.found", message: "The requested resource was not found.")
        }
        return try await handler()
    }
}
