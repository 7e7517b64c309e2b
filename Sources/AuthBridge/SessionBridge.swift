public import AuthBridgeCore
import AuthBridgeGenesys
public import AuthBridgeOIDC
import AuthBridgeZendesk
import Foundation
public import Logging
public import Tracing

/// The bridge: one call from a customer's Zendesk session to exactly what the chosen Genesys widget
/// reads, with the identity, context and transcript carried into Genesys.
///
/// ```swift
/// let bridge = SessionBridge(
///     validators: [.messagingJWT: messagingValidator, .oauthToken: oauthValidator],
///     messenger: provider,                                   // Messenger: the OpenID provider
///     genesys: GenesysTarget(client: genesys),              // contacts, notes; web chat only with legacyWebChat
///     history: HistorySources(zendeskChat: chatReader),
///     logger: logger
/// )
/// let start = try await bridge.start(WidgetRequest(credential: Secret(fromPage), credentialKind: .messagingJWT,
///                                                  widget: .messenger(codeRequest)))
/// respond(start.json)   // {authCode, redirectUri, nonce, codeVerifier} for getAuthCode
/// ```
///
/// - Messenger: a one-time code for the page's AuthProvider plugin (``WidgetStart/messenger(_:)``).
/// - Web Chat 1.x (legacy, retired by Genesys; needs ``GenesysTarget/legacyWebChat``): a member token
///   from `/api/v2/signeddata` (``WidgetStart/webChat(_:)``).
/// - Guest chat (legacy, likewise): a conversation created server-side with the identity and context in `customFields`,
///   then participant attributes, the External Contact and the transcript as notes
///   (``WidgetStart/guestChat(_:)``). The same session asked twice (a reload, a retried or doubled
///   request) gets the same conversation: concurrent duplicates wait for the first, and the result is
///   kept in the `SessionMappingStore` sealed under a key only this session derives.
///
/// Every failure is a ``BridgeError``: the browser gets its ``BridgeError/publicBody``; the log line at
/// `notice` names the step and the underlying error under the same correlation id, never a secret.
/// Carrying context and history is best effort once the widget can start: a failure there is logged
/// (`warning`, with the step) rather than refusing the customer their chat.
///
/// Each step is a span of the tracer given at creation (`authbridge.start`, `authbridge.validateSession`,
/// `authbridge.issueCode`, `authbridge.readHistory`, `authbridge.transferContext`, …), child of the task's
/// current trace context (the server's request span), so the adapters' Zendesk, Genesys and Redis calls
/// nest under them. Spans carry names, kinds, counts, statuses and correlation ids, never a credential.
public final class SessionBridge: Sendable {
    let validators: [CredentialKind: any SessionValidator]
    let messenger: OpenIDProvider?
    let genesys: GenesysTarget?
    let history: HistorySources
    let mappings: any SessionMappingStore
    let options: Options
    let subjectBindings: SubjectBindings?
    /// Where the bridge logs failures for operators; the HTTP front logs malformed requests here too, so
    /// every correlation id the browser sees is in one log.
    public let logger: Logger
    /// The tracer of the bridge's step spans; `nil` for none.
    public let tracer: (any Tracer)?
    let guestStarts = SingleFlight<GenesysGuestConversation>()
    /// The background history carries of the messaging-context route, a few at a time.
    let historyCarries = HistoryCarryLimit()

    /// Creates a bridge.
    /// - Parameters:
    ///   - validators: One validator per Zendesk credential kind the site accepts.
    ///   - messenger: The OpenID provider Messenger signs in through, if the site uses Messenger.
    ///   - genesys: The Genesys organization, for Web Chat and guest chat and for carrying context.
    ///   - history: The Zendesk history readers.
    ///   - mappings: Where session → conversation mappings live; default in memory.
    ///   - options: The sealing key and mapping lifetime.
    ///   - subjectBindings: Where Messenger's subjects are bound to Zendesk sessions, for the messaging-context data action; default none.
    ///   - logger: Where failures are logged for operators.
    ///   - tracer: The tracer of the step spans; default the one `InstrumentationSystem` has now (the
    ///     bootstrapped one, or one bound with `withTracer`); `nil` for none.
    public init(
        validators: [CredentialKind: any SessionValidator],
        messenger: OpenIDProvider? = nil,
        genesys: GenesysTarget? = nil,
        history: HistorySources = HistorySources(),
        mappings: any SessionMappingStore = InMemorySessionMappingStore(),
        options: Options = Options(),
        subjectBindings: SubjectBindings? = nil,
        logger: Logger,
        tracer: (any Tracer)? = InstrumentationSystem.tracer
    ) {
        self.validators = validators
        self.messenger = messenger
        self.genesys = genesys
        self.history = history
        self.mappings = mappings
        self.options = options
        self.subjectBindings = subjectBindings
        self.logger = logger
        self.tracer = tracer
    }

    /// Validates the Zendesk credential and returns what the widget reads.
    /// - Parameter request: The page's request.
    /// - Returns: The widget's start payload.
    /// - Throws: ``BridgeError``.
    public func start(_ request: WidgetRequest) async throws(BridgeError) -> WidgetStart {
        try await self.traced("start") { span throws(BridgeError) in
            span.attributes["authbridge.widget"] = Self.widgetName(request.widget)
            span.attributes["authbridge.credential_kind"] = request.credentialKind.description
            return try await self.begin(request)
        }
    }

    private static func widgetName(_ widget: Widget) -> String {
        switch widget {
        case .messenger: "messenger"
        case .webChat: "webChat"
        case .guestChat: "guestChat"
        }
    }

    private func begin(_ request: WidgetRequest) async throws(BridgeError) -> WidgetStart {
        let session = try await self.validate(request.credential, kind: request.credentialKind)
        switch request.widget {
        case .messenger(let codeRequest):
            guard let provider = self.messenger else {
                throw self.failure(.request, BridgeUnsupported.widget("messenger"), status: 400)
            }
            let grant = try await self.traced("issueCode") { _ throws(BridgeError) in
                do throws(OIDCError) {
                    return try await provider.issueCode(for: session, request: codeRequest)
                } catch {
                    let status = error.code == .temporarilyUnavailable || error.code == .serverError ? 503 : 400
                    throw self.failure(.messengerCode, error, status: status)
                }
            }
            // Messenger creates its own conversation. With subject bindings the messaging-context data
            // action carries everything once that conversation exists; the binding is what it reads.
            if let bindings = self.subjectBindings {
                await self.traced("bindSubject") { span in
                    do {
                        try await bindings.bind(session, history: request.history)
                    } catch {
                        span.recordFailure(error)
                        self.degraded(.mappingStore, error)
                    }
                }
                return .messenger(grant)
            }
            // Without them, the contact and the transcript are carried now, when the page named one. It
            // runs after the answer: the code lives 60 s and must not wait on Zendesk and Genesys.
            if request.history != nil || self.history.canFind, let genesys = self.genesys {
                Task {
                    let histories = await self.readHistory(request.history, for: session).found
                    await self.transferContext(session: session, histories: histories, guest: nil, genesys: genesys)
                }
            }
            return .messenger(grant)

        case .webChat:
            guard let genesys = self.genesys else { throw self.failure(.request, BridgeUnsupported.widget("webChat"), status: 400) }
            guard genesys.legacyWebChat else { throw self.failure(.request, BridgeUnsupported.retiredWidget("webChat"), status: 400) }
            let histories = await self.readHistory(request.history, for: session).found
            let token = try await self.traced("signedData") { _ throws(BridgeError) in
                do {
                    return try await genesys.client.memberToken(for: session)
                } catch {
                    throw self.failure(.signedData, error, status: Self.genesysStatus(error))
                }
            }
            await self.transferContext(session: session, histories: histories, guest: nil, genesys: genesys)
            return .webChat(token)

        case .guestChat:
            guard let genesys = self.genesys, let settings = genesys.guestChat else {
                throw self.failure(.request, BridgeUnsupported.widget("guestChat"), status: 400)
            }
            guard genesys.legacyWebChat else { throw self.failure(.request, BridgeUnsupported.retiredWidget("guestChat"), status: 400) }
            return .guestChat(try await self.startGuestChat(request, session: session, settings: settings, genesys: genesys))
        }
    }

    /// Ends the customer's sessions (for example when they sign out of the site): every Messenger
    /// refresh-token family of the subject is revoked, so Genesys's next refresh fails and Messenger asks
    /// the page to sign in again, and the guest chat this credential mapped to is forgotten.
    /// - Parameters:
    ///   - credential: The customer's Zendesk credential, proving who signs out.
    ///   - kind: Its kind.
    /// - Returns: How many sign-ins were ended.
    /// - Throws: ``BridgeError``.
    @discardableResult
    public func endSession(credential: Secret, kind: CredentialKind) async throws(BridgeError) -> Int {
        try await self.traced("endSession") { span throws(BridgeError) in
            span.attributes["authbridge.credential_kind"] = kind.description
            return try await self.end(credential: credential, kind: kind)
        }
    }

    private func end(credential: Secret, kind: CredentialKind) async throws(BridgeError) -> Int {
        let session = try await self.validate(credential, kind: kind)
        // The guest chat this credential maps to is forgotten: the next start is a new conversation.
        if let keys = try? SessionMappingKeys(
            request: WidgetRequest(credential: credential, credentialKind: kind, widget: .guestChat),
            session: session,
            widget: "guestChat",
            sealingKey: self.options.sealingKey
        ) {
            do { try await self.mappings.removeMapping(forKey: keys.storeKey) } catch { self.degraded(.mappingStore, error) }
        }
        if let bindings = self.subjectBindings {
            do { try await bindings.unbind(subject: session.subject) } catch { self.degraded(.mappingStore, error) }
        }
        guard let provider = self.messenger else { return 0 }
        do {
            return try await provider.revokeSessions(ofSubject: session.subject)
        } catch {
            throw self.failure(.messengerCode, error, status: 503)
        }
    }

    private func validate(_ credential: Secret, kind: CredentialKind) async throws(BridgeError) -> VerifiedSession {
        try await self.traced("validateSession") { span throws(BridgeError) in
            span.attributes["authbridge.credential_kind"] = kind.description
            guard let validator = self.validators[kind] else {
                throw self.failure(.request, BridgeUnsupported.credentialKind(kind.description), status: 400)
            }
            do {
                return try await validator.validate(credential, logger: self.logger)
            } catch {
                throw self.failure(.zendeskValidation, error, status: Self.validationStatus(error), token: credential)
            }
        }
    }

    /// The credential's own faults (a JOSE error, Zendesk's claim rules or its 401/403) are a 401; a
    /// peer's 429 stays a 429; anything else — Zendesk down, a replay store or Redis that did not answer,
    /// an error of a validator we do not know — is a 503, so a page does not treat an outage as a
    /// signed-out customer.
    static func validationStatus(_ error: any Error) -> Int {
        if error is JWTError { return 401 }
        if let error = error as? ZendeskError {
            switch error.code {
            case .rateLimited: return 429
            case .serverError, .unexpectedStatus, .timeout, .connectionFailed, .responseTooLarge, .malformedResponse, .invalidConfiguration:
                return 503
            default: return 401
            }
        }
        if let error = error as? any TokenProviderError, error.retryAfter != nil { return 429 }
        return 503
    }

    /// Genesys's 429 stays a 429; anything else Genesys or our token fetch refused is our problem (503),
    /// not the customer's.
    static func genesysStatus(_ error: any Error) -> Int {
        if let error = error as? GenesysError, error.code == .rateLimited { return 429 }
        if let error = error as? any TokenProviderError, error.retryAfter != nil { return 429 }
        return 503
    }

    /// Logs a refused request with its diagnosis and correlation id, and returns the error to answer.
    /// `message` says which request: a widget start by default.
    func failure(
        _ step: Diagnosis.Step,
        _ error: any Error,
        status: Int,
        token: Secret? = nil,
        message: Logger.Message = "widget start refused"
    ) -> BridgeError {
        let id = UUID().uuidString.lowercased()
        let diagnosis = Diagnosis.diagnose(error, at: step, token: token)
        var metadata: Logger.Metadata = [
            "authbridge.step": "\(step.name)",
            "authbridge.status": "\(status)",
            "authbridge.correlation_id": "\(id)",
            "authbridge.cause": "\(diagnosis.cause.name)",
            "authbridge.diagnosis": "\(diagnosis.summary)",
        ]
        // Our own refusals carry no peer evidence; their text is ours and safe.
        if let unsupported = error as? BridgeUnsupported { metadata["authbridge.reason"] = "\(unsupported)" }
        self.logger.notice(message, metadata: metadata)
        return BridgeError(step: step, underlying: error, diagnosis: diagnosis, correlationID: id, status: status)
    }

    /// Logs at `notice`, with its diagnosis, something a step did without that is not a failure.
    func noted(_ step: Diagnosis.Step, _ error: any Error, _ message: Logger.Message) {
        self.logDiagnosed(step, error, message, level: .notice)
    }

    /// Logs a failure of a best-effort step; the widget still starts.
    func degraded(_ step: Diagnosis.Step, _ error: any Error) {
        self.logDiagnosed(step, error, "context not carried", level: .warning)
    }

    private func logDiagnosed(_ step: Diagnosis.Step, _ error: any Error, _ message: Logger.Message, level: Logger.Level) {
        let diagnosis = Diagnosis.diagnose(error, at: step)
        var metadata: Logger.Metadata = [
            "authbridge.step": "\(step.name)",
            "authbridge.cause": "\(diagnosis.cause.name)",
            "authbridge.diagnosis": "\(diagnosis.summary)",
        ]
        if let unsupported = error as? BridgeUnsupported { metadata["authbridge.reason"] = "\(unsupported)" }
        self.logger.log(level: level, message, metadata: metadata)
    }
}
