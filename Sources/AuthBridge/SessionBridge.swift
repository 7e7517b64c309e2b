public import AuthBridgeCore
import AuthBridgeJWT
import AuthBridgeZendesk
public import AuthBridgeOIDC
import Foundation
public import Logging

/// The bridge: one call from a customer's Zendesk session to exactly what the chosen Genesys widget
/// reads.
///
/// ```swift
/// let bridge = SessionBridge(
///     validators: [.messagingJWT: try ZendeskMessagingJWTValidator(configuration: …)],
///     messenger: provider,                      // an OpenIDProvider, for Messenger
///     logger: logger
/// )
/// let start = try await bridge.start(
///     WidgetRequest(credential: Secret(jwtFromPage), credentialKind: .messagingJWT,
///                   widget: .messenger(AuthorizationCodeRequest(clientID: "genesys", redirectURI: uri, nonce: nonce)))
/// )
/// // start.json is what the AuthProvider plugin's getAuthCode resolves with.
/// ```
///
/// Every failure is a ``BridgeError``: the browser gets its ``BridgeError/publicBody``; the log line at
/// `notice` names the step and the underlying error, with the same correlation id, never a secret.
public final class SessionBridge: Sendable {
    let validators: [CredentialKind: any SessionValidator]
    let messenger: OpenIDProvider?
    let logger: Logger

    /// Creates a bridge.
    /// - Parameters:
    ///   - validators: One validator per Zendesk credential kind the site accepts.
    ///   - messenger: The OpenID provider Messenger signs in through, if the site uses Messenger.
    ///   - logger: Where failures are logged for operators.
    public init(validators: [CredentialKind: any SessionValidator], messenger: OpenIDProvider? = nil, logger: Logger) {
        self.validators = validators
        self.messenger = messenger
        self.logger = logger
    }

    /// Validates the Zendesk credential and returns what the widget reads.
    /// - Parameter request: The page's request.
    /// - Returns: The widget's start payload.
    /// - Throws: ``BridgeError``.
    public func start(_ request: WidgetRequest) async throws(BridgeError) -> WidgetStart {
        let session = try await self.validate(request.credential, kind: request.credentialKind)
        switch request.widget {
        case .messenger(let codeRequest):
            guard let provider = self.messenger else {
                throw self.failure(.request, BridgeUnsupported.widget("messenger"), status: 400)
            }
            do {
                return .messenger(try await provider.issueCode(for: session, request: codeRequest))
            } catch {
                let status = error.code == .temporarilyUnavailable || error.code == .serverError ? 503 : 400
                throw self.failure(.messengerCode, error, status: status)
            }
        case .webChat:
            throw self.failure(.request, BridgeUnsupported.widget("webChat"), status: 400)
        case .guestChat:
            throw self.failure(.request, BridgeUnsupported.widget("guestChat"), status: 400)
        }
    }

    /// Ends the customer's Messenger sessions (for example when they sign out of the site): every
    /// refresh-token family of the subject is revoked, so Genesys's next refresh fails and Messenger asks
    /// the page to sign in again.
    /// - Parameters:
    ///   - credential: The customer's Zendesk credential, proving who signs out.
    ///   - kind: Its kind.
    /// - Returns: How many sign-ins were ended.
    /// - Throws: ``BridgeError``.
    @discardableResult
    public func endSession(credential: Secret, kind: CredentialKind) async throws(BridgeError) -> Int {
        let session = try await self.validate(credential, kind: kind)
        guard let provider = self.messenger else { return 0 }
        do {
            return try await provider.revokeSessions(ofSubject: session.subject)
        } catch {
            throw self.failure(.messengerCode, error, status: 503)
        }
    }

    private func validate(_ credential: Secret, kind: CredentialKind) async throws(BridgeError) -> VerifiedSession {
        guard let validator = self.validators[kind] else {
            throw self.failure(.request, BridgeUnsupported.credentialKind(kind.description), status: 400)
        }
        do {
            return try await validator.validate(credential, logger: self.logger)
        } catch {
            throw self.failure(.zendeskValidation, error, status: Self.validationStatus(error))
        }
    }

    /// A peer's 429 stays a 429 and an outage (ours or Zendesk's) is a 503; everything else about the
    /// credential is a 401.
    static func validationStatus(_ error: any Error) -> Int {
        if let error = error as? ZendeskError {
            switch error.code {
            case .rateLimited: return 429
            case .serverError, .unexpectedStatus, .timeout, .connectionFailed, .responseTooLarge, .malformedResponse, .invalidConfiguration:
                return 503
            default: return 401
            }
        }
        if let error = error as? any TokenProviderError {
            return error.retryAfter != nil ? 429 : 503
        }
        return 401
    }

    func failure(_ step: BridgeError.Step, _ error: any Error, status: Int) -> BridgeError {
        let id = UUID().uuidString.lowercased()
        let underlying = error
        self.logger.notice(
            "widget start refused",
            metadata: [
                "authbridge.step": "\(step)",
                "authbridge.status": "\(status)",
                "authbridge.correlation_id": "\(id)",
                "authbridge.error": "\(String(describing: underlying))",
            ]
        )
        return BridgeError(step: step, underlying: underlying, correlationID: id, status: status)
    }
}
