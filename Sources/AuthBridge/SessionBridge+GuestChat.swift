import AuthBridgeCore
import AuthBridgeCrypto
import AuthBridgeGenesys
import AuthBridgeJWT
import Logging

extension SessionBridge {
    /// The guest chat for this session: the one it already maps to, or a new one with the context carried.
    func startGuestChat(
        _ request: WidgetRequest,
        session: VerifiedSession,
        settings: GenesysTarget.GuestChat,
        genesys: GenesysTarget
    ) async throws(BridgeError) -> GenesysGuestConversation {
        let keys: SessionMappingKeys
        do {
            keys = try SessionMappingKeys(request: request, session: session, widget: "guestChat", sealingKey: self.options.sealingKey)
        } catch {
            throw self.failure(.mappingStore, error, status: 503)
        }
        if let existing = await self.storedConversation(keys) { return existing }
        do {
            return try await self.guestStarts.run(key: keys.storeKey) {
                // A duplicate that waited for the store rather than this flight finds it here.
                if let existing = await self.storedConversation(keys) { return existing }
                let histories = await self.readHistory(request.history, for: session).found
                let conversation = try await self.traced("createGuestChat") { _ throws(BridgeError) in
                    do {
                        return try await genesys.client.createGuestConversation(
                            GenesysGuestChatRequest(
                                organizationID: settings.organizationID,
                                deploymentID: settings.deploymentID,
                                routingTarget: settings.routingTarget,
                                session: session,
                                context: histories.first?.context,
                                sourceConversationID: histories.first?.transcript.conversationID,
                                authentication: settings.requiresMemberAuthentication ? .signedMemberToken : .anonymous
                            )
                        )
                    } catch {
                        throw self.failure(.guestChatCreate, error, status: Self.genesysStatus(error))
                    }
                }
                let stored = await self.remember(conversation, keys: keys)
                // Another replica may have won the race for this session: the customer joins its chat, and
                // ours is left so no agent is offered an empty one.
                guard stored.conversationID == conversation.conversationID else {
                    do {
                        try await genesys.client.leaveGuestConversation(conversation)
                    } catch {
                        self.degraded(.guestChatCreate, error)
                    }
                    return stored
                }
                await self.transferContext(session: session, histories: histories, guest: conversation, genesys: genesys)
                return conversation
            }
        } catch let error as BridgeError {
            throw error
        } catch {
            throw self.failure(.guestChatCreate, error, status: 503)
        }
    }

    private func storedConversation(_ keys: SessionMappingKeys) async -> GenesysGuestConversation? {
        do {
            guard let sealed = try await self.mappings.mapping(forKey: keys.storeKey) else { return nil }
            return try keys.open(sealed)
        } catch {
            self.degraded(.mappingStore, error)
            return nil
        }
    }

    /// How long the guest JWT still lives, minus a minute, read from its `exp` (Genesys signed it; only its
    /// time is read here, nothing is trusted from it).
    static func remainingLifetime(of jwt: Secret) -> Duration? {
        let parts = jwt.revealed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])),
            let expiry = (try? JSONValue(parsing: String(decoding: payload, as: UTF8.self)))?.objectValue?["exp"]?.numberValue
        else { return nil }
        let remaining = expiry - JWTClock.system.now - 60
        return .seconds(max(remaining, 0).rounded(.down))
    }

    /// Stores the mapping unless one exists, and returns the conversation the session maps to afterwards.
    private func remember(_ conversation: GenesysGuestConversation, keys: SessionMappingKeys) async -> GenesysGuestConversation {
        do {
            let sealed = try keys.seal(conversation)
            // Never remember a conversation longer than its guest JWT lives: a reload after that must
            // start a new chat, not hand the page a dead token.
            let lifetime = min(self.options.mappingLifetime, Self.remainingLifetime(of: conversation.jwt) ?? self.options.mappingLifetime)
            let winner = try await self.mappings.insertIfAbsent(sealed, forKey: keys.storeKey, lifetime: lifetime)
            return winner == sealed ? conversation : try keys.open(winner)
        } catch {
            self.degraded(.mappingStore, error)
            return conversation
        }
    }
}
