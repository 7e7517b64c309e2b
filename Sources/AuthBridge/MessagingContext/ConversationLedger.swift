import AuthBridgeCore
import AuthBridgeCrypto
import Foundation

/// What has been carried into each messaging conversation, so the flow's retries, a second replica and
/// the backstop write a conversation's context once: a claim (`pending`, short-lived, so a worker that
/// died frees it) and then the outcome (`done`), in the shared mapping store under a key derived from the
/// sealing key and the conversation id, sealed like the session mappings (it names the customer).
struct ConversationLedger: Sendable {
    struct Record: Codable, Sendable, Equatable {
        var state: String
        /// A random token: the claimant recognises its own claim.
        var owner: String
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

    enum Claim: Sendable {
        case claimed(owner: String)
        case busy
        case done(Record)
    }

    let store: any SessionMappingStore
    let key: String
    private let sealKey: [UInt8]
    /// How long a claim holds without an outcome.
    static let claimLifetime: Duration = .seconds(120)

    init(store: any SessionMappingStore, sealingKey: Secret, conversationID: String) throws {
        let key = sealingKey.withUnsafeBytes { Array($0) }
        let digest = try SessionSealing.hmacSHA256(key: key, message: Array("conversation\u{1F}\(conversationID)".utf8))
        self.store = store
        self.key = "authbridge:conversation:" + Base64URL.encode(digest)
        self.sealKey = try SessionSealing.hmacSHA256(key: key, message: Array("conversation-seal\u{1F}\(conversationID)".utf8))
    }

    private func seal(_ record: Record) throws -> [UInt8] {
        try SessionSealing.seal(Array(try JSONEncoder().encode(record)), key: self.sealKey, additionalData: Array(self.key.utf8))
    }

    private func open(_ sealed: [UInt8]) throws -> Record {
        let plaintext = try SessionSealing.open(sealed, key: self.sealKey, additionalData: Array(self.key.utf8))
        return try JSONDecoder().decode(Record.self, from: Data(plaintext))
    }

    /// Claims the conversation, or says who has it.
    func claim() async throws -> Claim {
        let owner = Base64URL.encode(try SecureRandom.bytes(12))
        let mine = Record(state: "pending", owner: owner, historyCarried: false)
        let stored = try await self.store.insertIfAbsent(try self.seal(mine), forKey: self.key, lifetime: Self.claimLifetime)
        let winner = try self.open(stored)
        if winner.state == "done" { return .done(winner) }
        return winner.owner == owner ? .claimed(owner: owner) : .busy
    }

    /// Records the outcome for as long as a conversation may come back (`lifetime`).
    func complete(_ outcome: MessagingContextOutcome, owner: String, lifetime: Duration) async throws {
        let record = Record(
            state: "done",
            owner: owner,
            participantID: outcome.participantID,
            externalContactID: outcome.externalContactID,
            zendeskUserID: outcome.zendeskUserID,
            zendeskTicketID: outcome.zendeskTicketID,
            email: outcome.email,
            historyCarried: outcome.historyCarried
        )
        try await self.store.removeMapping(forKey: self.key)
        _ = try await self.store.insertIfAbsent(try self.seal(record), forKey: self.key, lifetime: lifetime)
    }

    /// Claims a done conversation whose history is not carried yet, to carry it again; `nil` when another
    /// call holds it. The notes are deduplicated by Genesys's stored markers, so a rare double claim
    /// writes nothing twice.
    func reclaimHistory(from record: Record) async throws -> String? {
        let owner = Base64URL.encode(try SecureRandom.bytes(12))
        var pending = record
        pending.state = "pending"
        pending.owner = owner
        try await self.store.removeMapping(forKey: self.key)
        let stored = try await self.store.insertIfAbsent(try self.seal(pending), forKey: self.key, lifetime: Self.claimLifetime)
        return try self.open(stored).owner == owner ? owner : nil
    }

    /// Gives the claim up, so a retry or the backstop can do the work.
    func release() async {
        try? await self.store.removeMapping(forKey: self.key)
    }
}
