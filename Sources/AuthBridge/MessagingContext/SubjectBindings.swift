public import AuthBridgeCore
import AuthBridgeCrypto
import AuthBridgeJWT
public import AuthBridgeOIDC
import Foundation

/// The bindings of OpenID subjects to the Zendesk sessions that signed them in to Messenger.
///
/// When the bridge issues Messenger's code it keeps what the verified session brought (identity, context,
/// where its history is) under the `sub` of the ID token; the messaging-context data action finds it
/// there from the `sub` Genesys passes. Bindings live in a `SessionMappingStore` (in memory, or the
/// Redis every replica shares), keyed and sealed with keys derived from the sealing key and the subject,
/// so a dump of the store reveals neither. A binding lives ``lifetime`` from sign-in; each Messenger
/// refresh renews it (this type is the provider's `OpenIDSubjectObserver`), and signing out ends it.
public final class SubjectBindings: OpenIDSubjectObserver, Sendable {
    let store: any SessionMappingStore
    private let sealingKey: Secret
    /// How long a binding lives without a refresh.
    public let lifetime: Duration

    /// Creates the bindings.
    /// - Parameters:
    ///   - store: Where they live; default in memory. Replicas share one (the Redis mapping store).
    ///   - sealingKey: 32 bytes or more, shared by the replicas; default random per process.
    ///   - lifetime: How long a binding lives without a refresh; default 24 hours (Messenger's refresh
    ///     token lifetime).
    public init(store: any SessionMappingStore = InMemorySessionMappingStore(), sealingKey: Secret? = nil, lifetime: Duration = .seconds(86_400)) {
        self.store = store
        self.sealingKey = sealingKey ?? SessionBridge.Options.randomKey()
        self.lifetime = lifetime
    }

    func bind(_ session: VerifiedSession, history: HistoryReference?) async throws {
        let keys = try self.keys(for: session.subject)
        let plaintext = try JSONEncoder().encode(SubjectBinding(session: session, history: history))
        let sealed = try SessionSealing.seal(Array(plaintext), key: keys.seal, additionalData: Array(keys.store.utf8))
        // A new sign-in replaces the earlier binding: its context is the newer one.
        try await self.store.removeMapping(forKey: keys.store)
        _ = try await self.store.insertIfAbsent(sealed, forKey: keys.store, lifetime: self.lifetime)
    }

    func binding(ofSubject subject: String) async throws -> SubjectBinding? {
        let keys = try self.keys(for: subject)
        guard let sealed = try await self.store.mapping(forKey: keys.store) else { return nil }
        // A binding sealed under another key (a rotated or mismatched sealing key) is as good as none:
        // removing it lets the customer's next sign-in bind again instead of failing for a day.
        guard let plaintext = try? SessionSealing.open(sealed, key: keys.seal, additionalData: Array(keys.store.utf8)),
            let binding = try? JSONDecoder().decode(SubjectBinding.self, from: Data(plaintext))
        else {
            _ = try await self.store.removeMapping(forKey: keys.store, ifCurrent: sealed)
            return nil
        }
        // A binding is only ever read back under its own subject: the key says so, the payload must too.
        return binding.subject == subject ? binding : nil
    }

    func unbind(subject: String) async throws {
        try await self.store.removeMapping(forKey: try self.keys(for: subject).store)
    }

    /// Renews the subject's binding for another ``lifetime`` (Messenger refreshed its tokens). A store
    /// failure leaves the binding to expire on its own schedule.
    /// - Parameter subject: The `sub`.
    public func refreshed(subject: String) async {
        // Extends what is there, never recreates it: a sign-out racing with a refresh stays a sign-out.
        guard let keys = try? self.keys(for: subject) else { return }
        _ = try? await self.store.extendMapping(forKey: keys.store, lifetime: self.lifetime)
    }

    private func keys(for subject: String) throws -> (store: String, seal: [UInt8]) {
        let key = self.sealingKey.withUnsafeBytes { Array($0) }
        let material = Array(subject.utf8)
        let store = try SessionSealing.hmacSHA256(key: key, message: Array("subject\u{1F}".utf8) + material)
        let seal = try SessionSealing.hmacSHA256(key: key, message: Array("subject-seal\u{1F}".utf8) + material)
        return ("authbridge:subject:" + Base64URL.encode(store), seal)
    }
}
