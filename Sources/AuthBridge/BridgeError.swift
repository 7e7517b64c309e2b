
/// A widget start that failed. The browser gets only ``publicBody`` (a generic message and the
/// correlation id); operators get the cause from the logs, which carry the same correlation id.
public struct BridgeError: Error, Sendable, CustomStringConvertible {
    /// The step of the bridge that failed.
    public struct Step: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case request
            case zendeskValidation
            case messengerCode
            case signedData
            case guestChatCreate
            case historyRead
            case contextTransfer
            case mappingStore
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The request itself: an unsupported credential kind or widget for this deployment.
        public static let request = Step(.request)
        /// Validating the Zendesk credential.
        public static let zendeskValidation = Step(.zendeskValidation)
        /// Minting the Messenger authorization code.
        public static let messengerCode = Step(.messengerCode)
        /// Getting a Web Chat member token from `/api/v2/signeddata`.
        public static let signedData = Step(.signedData)
        /// Creating the guest chat.
        public static let guestChatCreate = Step(.guestChatCreate)
        /// Reading the Zendesk history the page named (best effort: logged, not thrown).
        public static let historyRead = Step(.historyRead)
        /// Carrying attributes, the contact and the transcript into Genesys (best effort: logged).
        public static let contextTransfer = Step(.contextTransfer)
        /// Reading or writing the session mapping.
        public static let mappingStore = Step(.mappingStore)

        /// The step's name.
        public var description: String { self.base.rawValue }
    }

    /// Where it failed.
    public let step: Step
    /// The error of the failing module (`JWTError`, `ZendeskError`, `GenesysError`, `OIDCError`, …); it
    /// carries evidence, never a secret.
    public let underlying: any Error
    /// The id shared by the browser's error body and the operator's log line.
    public let correlationID: String
    /// The HTTP status the browser sees: 400 for a malformed request, 401 when the Zendesk session is not
    /// valid, 429 when a peer rate-limited us, 503 for everything on our side or Genesys's.
    public let status: Int

    init(step: Step, underlying: any Error, correlationID: String, status: Int) {
        self.step = step
        self.underlying = underlying
        self.correlationID = correlationID
        self.status = status
    }

    /// The generic body the browser receives: what kind of failure, and the correlation id to quote.
    public var publicBody: [String: String] {
        let message =
            switch self.status {
            case 400: "The request is not valid."
            case 401: "The session could not be verified."
            case 429: "Too many requests; try again shortly."
            default: "The chat could not be started."
            }
        return ["error": message, "correlationId": self.correlationID]
    }

    /// The step, the status and the underlying error's own (secret-free) description.
    public var description: String {
        "BridgeError(step: \(self.step), status: \(self.status), correlationId: \(self.correlationID), \(String(describing: self.underlying)))"
    }
}
