import AuthBridgeCore
import AuthBridgeCrypto
import Foundation

/// What has been carried into each messaging conversation, so the flow's retries, a second replica and
/// the backstop write a conversation's context once. One record per conversation in the shared mapping
/// store, under a key derived from the sealing key and the conversation id, sealed (it names the
/// customer). Every change is a compare-and-swap on the record last seen:
///
/// - `pending`: one call is writing the context (a short lifetime, so a call that died frees it);
/// - `written`: the context is written, the history is being carried by the holder of a lease until
///   `leaseUntil` (after it, the next call may take the lease and carry it);
/// - `done`: the history is carried too (or there was none).
struct ConversationLedger: Sendable {
    struct Record: Codable, Sendable, Equatable {
        var state: String
        /// A random token: the claimant recognises its own record.
        var owner: String
        /// A keyed digest of the subject the record was written for: a call for another subject learns
        /// nothing from it.
        var subjectDigest: String
        var leaseUntil: Double?
        var participantID: String?
        var externalContactID: String?
        var zendeskUserID: String?
        var zendeskTicketID: String?
        var email: String?
        var historyCarried: Bool

        var outcome: MessagingContextOutcome {
            MessagingContextOutcome(
                status: .alreadyWritten,
                participantID: self.participantID,
                externalContactID: self.externalContactID,
                zendeskUserID: self.zendeskUserID,
                zendeskTicketID: self.zendeskTicketID,
                email: self.email,
                historyCarried: self.historyCarried
            )
        }
    }

    /// What a look at the ledger found.
    enum Entry: Sendable {
        case absent
        case pending
        /// Written (and maybe done): the record and its stored bytes, for a later compare-and-swap.
        case written(Record, stored: [UInt8])
    }

    let store: any SessionMappingStore
    let key: String
    private let sealKey: [UInt8]
    private let digestKey: [UInt8]
    /// How long a claim, or a history lease, holds.
    static let claimLifetime: Duration = .seconds(120)

    init(store: any SessionMappingStore, sealingKey: Secret, conversationID: String) throws(CryptoError) {
        let key = sealingKey.withUnsafeBytes { Array($0) }
        let digest = try SessionSealing.hmacSHA256(key: key, message: Array("conversation\u{1F}\(conversationID)".utf8))
        self.store = store
        self.key = "authbridge:conversation:" + Base64URL.encode(digest)
        self.sealKey = try SessionSealing.hmacSHA256(key: key, message: Array("conversation-seal\u{1F}\(conversationID)".utf8))
        self.digestKey = try SessionSealing.hmacSHA256(key: key, message: Array("conversation-subject\u{1F}\(conversationID)".utf8))
    }

    func subjectDigest(_ subject: String) throws -> String {
        Base64URL.encode(try SessionSealing.hmacSHA256(key: self.digestKey, message: Array(subject.utf8)))
    }

    private func seal(_ record: Record) throws -> [UInt8] {
        try SessionSealing.seal(Array(try JSONEncoder().encode(record)), key: self.sealKey, additionalData: Array(self.key.utf8))
    }

    /// The record in `sealed`, or `nil` when it does not open (another sealing key, corruption).
    private func open(_ sealed: [UInt8]) -> Record? {
        guard let plaintext = try? SessionSealing.open(sealed, key: self.sealKey, additionalData: Array(self.key.utf8)) else { return nil }
        return try? JSONDecoder().decode(Record.self, from: Data(plaintext))
    }

    /// What the ledger holds for the conversation. A record that does not open is removed: it was sealed
    /// under another key, and keeping it would refuse the conversation until it expired.
    func look() async throws -> Entry {
        guard let stored = try await self.store.mapping(forKey: self.key) else { return .absent }
        guard let record = self.open(stored) else {
            _ = try await self.store.removeMapping(forKey: self.key, ifCurrent: stored)
            return .absent
        }
        return record.state == "pending" ? .pending : .written(record, stored: stored)
    }

    /// Claims the conversation for `subject`: the stored claim's bytes when this call won, else `nil`.
    func claim(subject: String) async throws -> [UInt8]? {
        let mine = try self.seal(
            Record(
                state: "pending", owner: Base64URL.encode(try SecureRandom.bytes(12)), subjectDigest: try self.subjectDigest(subject),
                historyCarried: false))
        let stored = try await self.store.insertIfAbsent(mine, forKey: self.key, lifetime: Self.claimLifetime)
        return stored == mine ? mine : nil
    }

    /// Replaces `current` with `outcome` as `written` (with a history lease) or `done`; the new bytes, or
    /// `nil` when the record changed meanwhile.
    func record(
        _ outcome: MessagingContextOutcome,
        subject: String,
        replacing current: [UInt8],
        done: Bool,
        leased: Bool = true,
        lifetime: Duration
    ) async throws -> [UInt8]? {
        let record = Record(
            state: done ? "done" : "written",
            owner: Base64URL.encode(try SecureRandom.bytes(12)),
            subjectDigest: try self.subjectDigest(subject),
            leaseUntil: done || !leased ? nil : Date().timeIntervalSince1970 + Double(Self.claimLifetime.components.seconds),
            participantID: outcome.participantID,
            externalContactID: outcome.externalContactID,
            zendeskUserID: outcome.zendeskUserID,
            zendeskTicketID: outcome.zendeskTicketID,
            email: outcome.email,
            historyCarried: outcome.historyCarried
        )
        let sealed = try self.seal(record)
        return try await self.store.replaceMapping(sealed, forKey: self.key, ifCurrent: current, lifetime: lifetime) ? sealed : nil
    }

    /// Gives a claim up, so a retry or the backstop can do the work; only this call's own claim.
    func release(_ claim: [UInt8]) async {
        _ = try? await self.store.removeMapping(forKey: self.key, ifCurrent: claim)
    }
}
