/// An error from AuthBridgeCore: what failed, whether retrying may help, and the evidence an operator
/// needs, never a secret.
///
/// A struct over a private code enum, so new codes fit a minor release.
public struct AuthBridgeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case tokenFetchFailed
            case tokenExpiredOnArrival
            case shutDown
            case replayStoreFull
            case storeFull
            case entryExists
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The token provider failed; ``AuthBridgeError/kind`` says whether retrying may help.
        public static let tokenFetchFailed = Code(.tokenFetchFailed)
        /// The token provider returned a token that had no lifetime left.
        public static let tokenExpiredOnArrival = Code(.tokenExpiredOnArrival)
        /// The component was shut down and serves no more requests.
        public static let shutDown = Code(.shutDown)
        /// The in-memory replay store is full of unexpired identifiers and cannot vouch for a new one.
        public static let replayStoreFull = Code(.replayStoreFull)
        /// An in-memory code or refresh-token store holds its maximum of unexpired entries.
        public static let storeFull = Code(.storeFull)
        /// A store was asked to create an entry (a refresh-token family or key) that exists already, or
        /// that was revoked before it existed.
        public static let entryExists = Code(.entryExists)

        /// The code's name, for example `tokenFetchFailed`.
        public var description: String { self.base.rawValue }
    }

    /// The evidence, in one shared object: errors are copied into every waiting caller and the broker's
    /// failure cache, so a copy costs one reference count.
    private final class Storage: Sendable {
        let code: Code
        let kind: FailureKind
        let reason: String
        let key: String?
        let retryAfter: Duration?
        let attempts: Int?
        let underlyingType: String?
        let underlyingDescription: String?
        let underlying: (any Error)?

        init(
            code: Code,
            kind: FailureKind,
            reason: String,
            key: String?,
            retryAfter: Duration?,
            attempts: Int?,
            underlying: (any Error)?
        ) {
            self.code = code
            self.kind = kind
            self.reason = reason
            self.key = key.map { AuthBridgeError.capped($0) }
            self.retryAfter = retryAfter
            self.attempts = attempts
            self.underlying = underlying
            self.underlyingType = underlying.map { String(describing: type(of: $0)) }
            self.underlyingDescription = (underlying as? any TokenProviderError).map {
                AuthBridgeError.capped($0.safeDescription)
            }
        }
    }

    private let storage: Storage

    /// What went wrong.
    public var code: Code { self.storage.code }
    /// Whether retrying may help.
    public var kind: FailureKind { self.storage.kind }
    /// A short explanation that never quotes a token or a secret.
    public var reason: String { self.storage.reason }
    /// The `description` of the key concerned (for example an OAuth client id and region), if any.
    public var key: String? { self.storage.key }
    /// How long the provider asked callers to wait, if it said.
    public var retryAfter: Duration? { self.storage.retryAfter }
    /// How many provider calls were made before giving up, if any.
    public var attempts: Int? { self.storage.attempts }
    /// The underlying error's type name, if there was one.
    public var underlyingType: String? { self.storage.underlyingType }
    /// The underlying error's ``TokenProviderError/safeDescription``, when it offered one.
    public var underlyingDescription: String? { self.storage.underlyingDescription }
    /// The underlying error itself, for code that maps it further (for example to a diagnosis). Its own
    /// description is not part of this error's ``description``.
    public var underlying: (any Error)? { self.storage.underlying }

    // Package: the Redis stores report the same codes as the in-memory ones.
    package init(
        _ code: Code,
        kind: FailureKind,
        reason: String,
        key: String? = nil,
        retryAfter: Duration? = nil,
        attempts: Int? = nil,
        underlying: (any Error)? = nil
    ) {
        self.storage = Storage(
            code: code,
            kind: kind,
            reason: reason,
            key: key,
            retryAfter: retryAfter,
            attempts: attempts,
            underlying: underlying
        )
    }

    /// The code's name, bounded and free of associated values: safe as a metric label.
    public var shortDescription: String { self.code.description }

    /// `AuthBridgeError(code, kind): reason` followed by the key, attempts, retry-after and the underlying
    /// error's safe description.
    public var description: String {
        var text = "AuthBridgeError(\(self.code), \(self.kind)): \(self.reason)"
        if let key { text += " [key: \(key)]" }
        if let attempts { text += " [attempts: \(attempts)]" }
        if let retryAfter { text += " [retry after: \(retryAfter)]" }
        if let underlyingType {
            text += " [underlying: \(underlyingType)"
            if let underlyingDescription { text += ": \(underlyingDescription)" }
            text += "]"
        }
        return text
    }

    /// Caps text taken from elsewhere, so a hostile or verbose value cannot flood logs.
    static func capped(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}

extension AuthBridgeError: TokenProviderError {
    /// Same as ``kind``.
    public var failureKind: FailureKind { self.kind }

    /// Same as ``description``, which never contains a secret.
    public var safeDescription: String { self.description }
}

extension AuthBridgeError {
    static func shutDown(key: String? = nil) -> AuthBridgeError {
        AuthBridgeError(.shutDown, kind: .permanent, reason: "the token broker was shut down", key: key)
    }
}
