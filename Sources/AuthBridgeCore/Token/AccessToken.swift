/// A credential fetched from an authorization server: the bearer value, its type, how long it lives,
/// its scopes and whatever else the provider reported (for example an organization id).
///
/// `AccessToken` is a value type over one immutable, shared storage object, so copying it costs a
/// single reference-count increment; the ``TokenBroker`` relies on that for its allocation-free hit path.
/// It never prints ``value``.
public struct AccessToken: Sendable {
    @usableFromInline
    final class Storage: Sendable {
        let value: Secret
        let type: String
        let expiresIn: Duration
        let scopes: [String]
        let metadata: [String: String]

        init(value: Secret, type: String, expiresIn: Duration, scopes: [String], metadata: [String: String]) {
            self.value = value
            self.type = type
            self.expiresIn = expiresIn
            self.scopes = scopes
            self.metadata = metadata
        }
    }

    @usableFromInline
    var storage: Storage

    /// Creates a token.
    /// - Parameters:
    ///   - value: The bearer value.
    ///   - type: The token type, usually `Bearer`.
    ///   - expiresIn: How long the token stays valid, counted from when the provider (or a cache) returned
    ///     it; OAuth's `expires_in`.
    ///   - scopes: The scopes granted.
    ///   - metadata: Other facts the provider reported, such as an organization id. Never put secrets here.
    public init(
        value: Secret,
        type: String = "Bearer",
        expiresIn: Duration,
        scopes: [String] = [],
        metadata: [String: String] = [:]
    ) {
        self.storage = Storage(value: value, type: type, expiresIn: expiresIn, scopes: scopes, metadata: metadata)
    }

    /// The bearer value.
    public var value: Secret { self.storage.value }

    /// The token type, usually `Bearer`.
    public var type: String { self.storage.type }

    /// How long the token stays valid, counted from when the provider or a cache returned it.
    ///
    /// The broker never returns a token past its expiry, but it does not rewrite this field on each hit:
    /// treat it as the lifetime at fetch time.
    public var expiresIn: Duration { self.storage.expiresIn }

    /// The scopes granted.
    public var scopes: [String] { self.storage.scopes }

    /// Other facts the provider reported, such as an organization id.
    public var metadata: [String: String] { self.storage.metadata }

    /// The same token with another remaining lifetime, for caches that hand out what is left of it.
    /// - Parameter expiresIn: The remaining lifetime.
    /// - Returns: A copy whose ``expiresIn`` is `expiresIn`.
    public func withExpiresIn(_ expiresIn: Duration) -> AccessToken {
        AccessToken(
            value: self.value,
            type: self.type,
            expiresIn: expiresIn,
            scopes: self.scopes,
            metadata: self.metadata
        )
    }

    /// A copy with its own storage object, so readers on different threads touch different reference
    /// counts (see the broker's read stripes).
    func replica() -> AccessToken {
        self.withExpiresIn(self.expiresIn)
    }

    /// Whether two values share one storage object.
    func isIdentical(to other: AccessToken) -> Bool {
        self.storage === other.storage
    }
}

extension AccessToken: Equatable {
    /// Two tokens are equal when all their fields are; the values compare in constant time.
    public static func == (lhs: AccessToken, rhs: AccessToken) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.value == rhs.value && lhs.type == rhs.type && lhs.expiresIn == rhs.expiresIn
            && lhs.scopes == rhs.scopes && lhs.metadata == rhs.metadata
    }
}

extension AccessToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The type, lifetime and scopes; the value shows as `<redacted>`.
    public var description: String {
        "AccessToken(type: \(self.type), value: <redacted>, expiresIn: \(self.expiresIn), scopes: \(self.scopes))"
    }

    /// Same as ``description``.
    public var debugDescription: String { self.description }

    /// Shows every field but the value, which appears as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "type": self.type,
                "value": self.value,
                "expiresIn": self.expiresIn,
                "scopes": self.scopes,
                "metadata": self.metadata,
            ],
            displayStyle: .struct
        )
    }
}
