internal import AuthBridgeCore
internal import AuthBridgeJWT
internal import Logging
internal import NIOHTTP1

extension GenesysCloudClient {
    /// Creates a guest chat server-side (`POST /api/v2/webchat/guest/conversations`) for a verified
    /// customer, carrying their identity and Zendesk context.
    ///
    /// `memberInfo` gets the display name (the session's name, else its email, else its subject), first
    /// and last name, email and phone; `customFields` get identity first, then context, then your own
    /// fields, under ``GenesysGuestChatLimits``. The call is never retried (a retry could start a second
    /// conversation); a transient failure is reported for the page to try again.
    /// - Parameter request: What to create.
    /// - Returns: The conversation, its member and the JWT for the page.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func createGuestConversation(_ request: GenesysGuestChatRequest) async throws -> GenesysGuestConversation {
        let (member, omitted) = try Self.memberInfo(for: request, limits: self.configuration.guestChatLimits)
        var target: JSONObject = ["targetType": "QUEUE", "targetAddress": .string(request.routingTarget.queueName)]
        if !request.routingTarget.skills.isEmpty { target["skills"] = .array(request.routingTarget.skills.map { .string($0) }) }
        if let language = request.routingTarget.language { target["language"] = .string(language) }
        if let priority = request.routingTarget.priority { target["priority"] = .number(Double(priority)) }

        var body: JSONObject = [
            "organizationId": .string(request.organizationID),
            "deploymentId": .string(request.deploymentID),
        ]
        body["routingTarget"] = .object(target)
        body["memberInfo"] = .object(member)
        switch request.authentication.base {
        case .anonymous: break
        case .signMember: body["memberAuthToken"] = .string(try await self.memberToken(for: request.session).jwt.revealed)
        case .token(let token): body["memberAuthToken"] = .string(token.jwt.revealed)
        }
        let http = GenesysRequest(
            .POST,
            "/api/v2/webchat/guest/conversations",
            endpoint: .anonymous,
            json: .object(body),
            isIdempotent: false
        )
        let response = try await self.transport.send(http)
        let object = try response.jsonObject()
        let conversationID = try response.string("id", in: object)
        let jwt = try response.string("jwt", in: object)
        let eventStreamURI = try response.string("eventStreamUri", in: object)
        guard let memberID = object["member"]?.objectValue?["id"]?.stringValue, !memberID.isEmpty else {
            throw GenesysError(
                .malformedResponse,
                kind: .permanent,
                reason: "the response has no 'member.id'",
                operation: response.operation,
                status: response.status,
                correlationID: response.correlationID
            )
        }
        if !omitted.isEmpty {
            self.logger.notice(
                "guest chat fields left out to fit the caps",
                metadata: ["authbridge.omitted": "\(omitted.joined(separator: ","))"]
            )
        }
        return GenesysGuestConversation(
            conversationID: conversationID,
            memberID: memberID,
            jwt: Secret(jwt),
            eventStreamURI: eventStreamURI,
            omittedFields: omitted
        )
    }

    /// Takes the guest out of a conversation (`DELETE …/conversations/{id}/members/{memberId}`, with the
    /// conversation's own JWT): for a chat nobody will join, such as the one a replica created while
    /// another won the race for the same session.
    /// - Parameter conversation: The conversation and its guest.
    /// - Throws: ``GenesysError`` or `CancellationError`.
    public func leaveGuestConversation(_ conversation: GenesysGuestConversation) async throws {
        var http = GenesysRequest(
            .DELETE,
            "/api/v2/webchat/guest/conversations/\(PathSegment.escaped(conversation.conversationID))"
                + "/members/\(PathSegment.escaped(conversation.memberID))",
            endpoint: .anonymous,
            isIdempotent: true
        )
        http.headers.append(("Authorization", "Bearer " + conversation.jwt.revealed))
        _ = try await self.transport.send(http)
    }

    /// `memberInfo`: names, email, phone and avatar, and the capped custom fields (see
    /// ``GenesysGuestChatLimits``); also the keys left out.
    private static func memberInfo(
        for request: GenesysGuestChatRequest,
        limits: GenesysGuestChatLimits
    ) throws(GenesysError) -> (JSONObject, [String]) {
        var fields = try GenesysCustomFields.build(
            session: request.session,
            context: request.context,
            conversationID: request.sourceConversationID,
            transcriptLink: request.transcriptLink,
            transcriptSummary: request.transcriptSummary,
            extra: request.customFields,
            limits: limits
        )
        let session = request.session
        var member = JSONObject()
        let name = session.name.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        // The identity is never dropped: without a name, the email or the subject is displayed.
        member["displayName"] = .string(
            GenesysGuestChatLimits.truncated(name ?? session.email ?? session.subject, to: limits.maximumNameLength)
        )
        if let name {
            let parts = PersonName(name)
            if let first = parts.first {
                member["firstName"] = .string(GenesysGuestChatLimits.truncated(first, to: limits.maximumNameLength))
            }
            if let last = parts.last {
                member["lastName"] = .string(GenesysGuestChatLimits.truncated(last, to: limits.maximumNameLength))
            }
        }
        if let email = session.email { member["email"] = .string(email) }
        if let phone = request.phoneNumber ?? request.context?.phone {
            if let e164 = E164.normalized(phone) {
                member["phoneNumber"] = .string(e164)
            } else {
                fields.recordOmitted("phoneNumber")
            }
        }
        if let avatar = request.avatarImageURL {
            if avatar.lowercased().hasPrefix("https://"), avatar.count <= 2048 {
                member["avatarImageUrl"] = .string(avatar)
            } else {
                fields.recordOmitted("avatarImageUrl")
            }
        }
        var custom = JSONObject()
        for (key, value) in fields.result { custom[key] = .string(value) }
        member["customFields"] = .object(custom)
        return (member, fields.omitted)
    }
}
