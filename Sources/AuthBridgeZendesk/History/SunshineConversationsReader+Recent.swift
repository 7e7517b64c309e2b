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
        let size = min(max(maximumConversations * 2, 10), 100)
        let query = "filter%5BuserId%5D=\(PathSegment.escaped(userID))&page%5Bsize%5D=\(size)"
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
            var history = try await self.read(conversationID: conversation.id, userID: nil, logger: logger)
            history.context = context
            histories.append(history)
        }
        return histories
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
