import AuthBridgeCore
public import Logging

extension SunshineConversationsReader {
    /// The customer's most recent Messaging conversations, newest first, found from who they are rather
    /// than from anything a page names.
    ///
    /// The user is looked up by external id (`GET /v2/apps/{appId}/users/{externalId}`, with `?brandId=`
    /// when configured), else by a verified email identity (`GET /v2/apps/{appId}/users?filter[identities.email]=`,
    /// used only when exactly one user has it); then `GET /v2/apps/{appId}/conversations?filter[userId]=`
    /// lists their conversations. The spec documents no order, so they are sorted by `lastUpdatedAt`
    /// here; those older than `since` are left out.
    /// - Parameters:
    ///   - externalID: The customer's external id (the Messaging JWT's `external_id`), if known.
    ///   - email: A verified email address of the customer, if known.
    ///   - maximumConversations: The most conversations to read.
    ///   - since: The oldest `lastUpdatedAt` to read, in seconds since the Unix epoch.
    ///   - logger: The request's logger.
    /// - Returns: One history per conversation, each with the user's context; empty when Zendesk knows no
    ///   such user.
    /// - Throws: ``ZendeskError`` for any other failure.
    public func recentHistory(
        externalID: String?,
        email: String?,
        maximumConversations: Int,
        since: Double,
        logger: Logger
    ) async throws -> [ZendeskHistory] {
        guard maximumConversations > 0, let user = try await self.findUser(externalID: externalID, email: email, logger: logger),
            let userID = user["id"]?.text
        else { return [] }
        let base = try self.appBase()
        // The spec documents no order: the largest page (100) is read, and sorted here. A customer with more
        // than 100 conversations may lose some of the newest (documented limit).
        let query = "filter%5BuserId%5D=\(PathSegment.escaped(userID))&page%5Bsize%5D=100"
        let list = try await self.get("\(base)/conversations?\(query)", operation: "list conversations", logger: logger)
        let recent = (list["conversations"]?.elements ?? [])
            .compactMap { conversation -> (id: String, updated: Double)? in
                guard let id = conversation["id"]?.text else { return nil }
                let updated = (conversation["lastUpdatedAt"] ?? conversation["createdAt"])?.timestamp ?? 0
                return updated >= since ? (id, updated) : nil
            }
            .sorted { $0.updated > $1.updated }
            .prefix(maximumConversations)
        let context = Self.context(user)
        var histories: [ZendeskHistory] = []
        for conversation in recent {
            do {
                var history = try await self.read(conversationID: conversation.id, userID: nil, logger: logger)
                history.context = context
                histories.append(history)
            } catch let error as ZendeskError where error.code == .notFound {
                // Deleted since it was listed: the others are still carried.
                continue
            }
        }
        return histories
    }

    /// The conversation a page named, only when it is this customer's: read, then accepted when one of
    /// its customer messages was written by the user found from the verified identity (external id, else
    /// verified email identity), or, for a session that knows only its Zendesk Support user (an OAuth
    /// token), by a user whose `zendeskId` is that user. The page's own user id is never trusted.
    /// - Parameters:
    ///   - conversationID: The conversation the page named.
    ///   - externalID: The customer's external id, if known.
    ///   - email: A verified email address of the customer, if known.
    ///   - zendeskUserID: The customer's Support user id, if that is all the session knows.
    ///   - logger: The request's logger.
    /// - Returns: The history with its user's context, or `nil` when it is not this customer's.
    /// - Throws: ``ZendeskError``.
    public func history(
        ofConversation conversationID: String,
        externalID: String?,
        email: String?,
        zendeskUserID: String?,
        logger: Logger
    ) async throws -> ZendeskHistory? {
        var history = try await self.read(conversationID: conversationID, userID: nil, logger: logger)
        let authors = Set(
            history.transcript.messages.filter { $0.role == .customer }.compactMap { $0.details["author_user_id"]?.stringValue })
        guard !authors.isEmpty else { return nil }
        if externalID != nil || email != nil {
            guard let user = try await self.findUser(externalID: externalID, email: email, logger: logger),
                let id = user["id"]?.text, authors.contains(id)
            else { return nil }
            history.context = Self.context(user)
            return history
        }
        guard let zendeskUserID, !zendeskUserID.isEmpty else { return nil }
        let base = try self.appBase()
        // A conversation's customers are few; more than three authors is not one customer's conversation.
        for id in authors.sorted().prefix(3) {
            let path = "\(base)/users/\(try Self.segment(id, field: "userID"))\(self.brandQuery(first: true))"
            guard let user = try? await self.get(path, operation: "get user", logger: logger)["user"] else { continue }
            if user["zendeskId"]?.text == zendeskUserID {
                history.context = Self.context(user)
                return history
            }
        }
        return nil
    }

    /// The user with `externalID`, else the only user with the email identity `email`; `nil` when none.
    func findUser(externalID: String?, email: String?, logger: Logger) async throws(ZendeskError) -> ContextValue? {
        let base = try self.appBase()
        if let externalID {
            let user = try Self.segment(externalID, field: "externalID")
            do {
                let body = try await self.get("\(base)/users/\(user)\(self.brandQuery(first: true))", operation: "get user", logger: logger)
                if let found = body["user"], found != .null { return found }
            } catch  where error.code == .notFound {
                // Not under this external id: try the email.
            }
        }
        guard let email, !email.isEmpty, email.utf8.count <= 256 else { return nil }
        let query = "filter%5Bidentities.email%5D=\(PathSegment.escaped(email))\(self.brandQuery(first: false))"
        let body = try await self.get("\(base)/users?\(query)", operation: "list users", logger: logger)
        let users = body["users"]?.elements ?? []
        // Two users with one email is not one customer: carry nothing rather than someone else's history.
        return users.count == 1 ? users[0] : nil
    }

    func appBase() throws(ZendeskError) -> String {
        self.configuration.baseURL.appending("/sc/v2/apps/\(try Self.segment(self.configuration.appID, field: "appID"))")
    }

    /// `?brandId=<id>` (or `&…` when not the first parameter), or nothing without a brand.
    func brandQuery(first: Bool) -> String {
        guard let brand = self.configuration.brandID, !brand.isEmpty else { return "" }
        return (first ? "?" : "&") + "brandId=" + PathSegment.escaped(brand)
    }
}
