internal import AuthBridgeJWT
import Foundation
internal import Hummingbird
import Synchronization

extension GenesysEmulatorBackend {
    /// `POST /api/v2/webchat/guest/conversations`: no platform token; `memberAuthToken` when required.
    func createGuestConversation(_ request: Request) async throws -> Response {
        let bytes = try await Self.body(request, limit: self.configuration.maximumRequestBodySize)
        guard let body = Self.jsonObject(bytes) else { return self.malformed() }
        guard body["organizationId"]?.stringValue == self.configuration.organizationID else {
            return self.error(.badRequest, code: "invalid.value", message: "organizationId is not valid")
        }
        guard body["deploymentId"]?.stringValue == self.configuration.deploymentID else {
            return self.error(.badRequest, code: "invalid.value", message: "deploymentId is not valid")
        }
        guard let member = body["memberInfo"]?.objectValue, let displayName = member["displayName"]?.stringValue,
            !displayName.isEmpty
        else {
            return self.error(.badRequest, code: "invalid.value", message: "memberInfo.displayName is required")
        }
        if let fields = member["customFields"],
            fields.objectValue == nil || fields.objectValue?.contains(where: { $0.value.stringValue == nil }) == true
        {
            return self.error(.badRequest, code: "invalid.value", message: "memberInfo.customFields must map strings to strings")
        }
        guard let target = body["routingTarget"]?.objectValue, target["targetType"]?.stringValue == "QUEUE",
            let queue = target["targetAddress"]?.stringValue, !queue.isEmpty
        else {
            return self.error(.badRequest, code: "invalid.value", message: "routingTarget needs type QUEUE and an address")
        }
        var memberClaims: JSONObject?
        if let token = body["memberAuthToken"]?.stringValue {
            guard let verified = try? self.verifier.verify(token) else {
                return self.error(.unauthorized, code: "authentication.failed", message: "The member token is not valid")
            }
            memberClaims = verified.claims.members
        } else if self.configuration.requiresMemberAuthentication {
            return self.error(.unauthorized, code: "authentication.required", message: "The deployment requires authentication")
        }
        let conversation = GenesysEmulatorState.StoredConversation(
            id: Self.newID(),
            memberID: Self.newID(),
            participantID: Self.newID(),
            memberInfo: member,
            queueName: queue,
            memberTokenClaims: memberClaims
        )
        self.state.withLock { state in
            state.conversations[conversation.id] = conversation
            state.conversationOrder.append(conversation.id)
        }
        let now = Date().timeIntervalSince1970.rounded(.down)
        let jwt = try self.signer.sign([
            "iss": .string("genesys-emulator/\(self.configuration.regionName)"),
            "sub": .string(conversation.memberID),
            "conversationId": .string(conversation.id),
            "memberId": .string(conversation.memberID),
            "iat": .number(now),
            "exp": .number(now + 3600),
        ])
        let streamBase = self.baseURL.withLock { $0 }.replacingOccurrences(of: "http://", with: "ws://")
        return self.reply([
            "id": .string(conversation.id),
            "jwt": .string(jwt),
            "eventStreamUri": .string("\(streamBase)/webchat/events/\(conversation.id)"),
            "member": ["id": .string(conversation.memberID)],
        ])
    }

    /// The conversation a guest JWT grants, if it verifies and names `conversationID` (and `memberID`).
    func guest(
        _ request: Request,
        conversationID: String,
        memberID: String?
    ) -> GenesysEmulatorCheck<GenesysEmulatorState.StoredConversation> {
        let unauthorized = self.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials.")
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            let verified = try? self.verifier.verify(String(header.dropFirst("bearer ".count))),
            verified.claims["conversationId"]?.stringValue == conversationID
        else { return .failure(unauthorized) }
        guard let conversation = self.state.withLock({ $0.conversations[conversationID] }) else {
            return .failure(self.error(.notFound, code: "not.found", message: "The requested conversation was not found."))
        }
        if let memberID, memberID != conversation.memberID || verified.claims["memberId"]?.stringValue != memberID {
            return .failure(self.error(.forbidden, code: "not.authorized", message: "The member is not part of the conversation"))
        }
        return .success(conversation)
    }

    /// `POST …/members/{memberId}/messages`.
    func sendGuestMessage(_ request: Request, conversationID: String, memberID: String) async throws -> Response {
        switch self.guest(request, conversationID: conversationID, memberID: memberID) {
        case .failure(let response): return response
        case .success(let conversation):
            guard !conversation.hasLeft else {
                return self.error(.badRequest, code: "chat.member.state.invalid", message: "The member has left the conversation")
            }
            guard let body = Self.jsonObject(try await Self.body(request, limit: 64 << 10)),
                let text = body["body"]?.stringValue
            else {
                return self.error(.badRequest, code: "invalid.value", message: "body is required")
            }
            let message: JSONObject = [
                "id": .string(Self.newID()),
                "conversation": ["id": .string(conversationID)],
                "sender": ["id": .string(memberID)],
                "body": .string(text),
                "bodyType": .string(body["bodyType"]?.stringValue ?? "standard"),
                "timestamp": .string(Self.now()),
            ]
            self.state.withLock { $0.conversations[conversationID]?.messages.append(message) }
            return self.reply(.object(message))
        }
    }

    /// `GET …/messages?maxResults=` (at most 100).
    func guestMessages(_ request: Request, conversationID: String) -> Response {
        switch self.guest(request, conversationID: conversationID, memberID: nil) {
        case .failure(let response): return response
        case .success(let conversation):
            let maximum = request.uri.queryParameters.get("maxResults", as: Int.self) ?? 100
            guard (1...100).contains(maximum) else {
                return self.error(.badRequest, code: "invalid.value", message: "maxResults must be between 1 and 100")
            }
            let entities = conversation.messages.suffix(maximum).map { JSONValue.object($0) }
            return self.reply(["entities": .array(Array(entities))])
        }
    }

    /// `POST …/members/{memberId}/typing`.
    func guestTyping(_ request: Request, conversationID: String, memberID: String) -> Response {
        switch self.guest(request, conversationID: conversationID, memberID: memberID) {
        case .failure(let response): return response
        case .success:
            return self.reply([
                "id": .string(Self.newID()),
                "conversation": ["id": .string(conversationID)],
                "sender": ["id": .string(memberID)],
                "timestamp": .string(Self.now()),
            ])
        }
    }

    /// `GET …/members/{memberId}`.
    func guestMember(_ request: Request, conversationID: String, memberID: String) -> Response {
        switch self.guest(request, conversationID: conversationID, memberID: memberID) {
        case .failure(let response): return response
        case .success(let conversation):
            return self.reply([
                "id": .string(memberID),
                "displayName": conversation.memberInfo["displayName"] ?? .null,
                "role": "CUSTOMER",
                "state": .string(conversation.hasLeft ? "DISCONNECTED" : "CONNECTED"),
                "authenticatedGuest": .bool(conversation.memberTokenClaims != nil),
            ])
        }
    }

    /// `DELETE …/members/{memberId}`: the guest leaves.
    func guestLeave(_ request: Request, conversationID: String, memberID: String) -> Response {
        switch self.guest(request, conversationID: conversationID, memberID: memberID) {
        case .failure(let response): return response
        case .success:
            self.state.withLock { $0.conversations[conversationID]?.hasLeft = true }
            var headers = HTTPFields()
            if let name = Self.correlationHeader { headers[name] = Self.newID() }
            return Response(status: .noContent, headers: headers)
        }
    }

    /// `GET /api/v2/conversations/{conversationId}`: the conversation with its participants (`Conversation`
    /// model: `id`, `startTime`, `participants[]` with `id`, `purpose`, `name`, `attributes`, `selfUri`).
    func conversation(_ request: Request, conversationID: String) -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        if let messaging = self.state.withLock({ $0.messagingConversations[conversationID] }) {
            return self.reply(.object(Self.conversationJSON(messaging)))
        }
        guard let conversation = self.state.withLock({ $0.conversations[conversationID] }) else {
            return self.error(.notFound, code: "not.found", message: "The requested conversation was not found.")
        }
        var attributes = JSONObject()
        for (key, value) in conversation.attributes { attributes[key] = .string(value) }
        let customer: JSONObject = [
            "id": .string(conversation.participantID),
            "name": conversation.memberInfo["displayName"] ?? .null,
            "purpose": "customer",
            "attributes": .object(attributes),
        ]
        let acd: JSONObject = ["id": .string(conversation.id + "-acd"), "name": .string(conversation.queueName), "purpose": "acd"]
        return self.reply([
            "id": .string(conversation.id),
            "startTime": .string(conversation.startTime),
            "participants": [.object(customer), .object(acd)],
            "selfUri": .string("/api/v2/conversations/\(conversation.id)"),
        ])
    }

    /// `PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes` and its
    /// per-media twins; `participantId` is the participant's id, never the guest member id.
    /// The messages path echoes the attributes (`ParticipantAttributes`); the others answer 202 without a body.
    func participantAttributes(_ request: Request, conversationID: String, participantID: String, echo: Bool = false) async throws -> Response {
        if case .failure(let response) = self.authorize(request) { return response }
        guard let body = Self.jsonObject(try await Self.body(request, limit: self.configuration.maximumRequestBodySize)),
            let attributes = body["attributes"]?.objectValue
        else {
            return self.error(.badRequest, code: "bad.request", message: "attributes is required")
        }
        var values: [String: String] = [:]
        for (name, value) in attributes {
            guard let text = value.stringValue else {
                return self.error(.badRequest, code: "invalid.value", message: "attribute values must be strings")
            }
            values[name] = text
        }
        let found = self.state.withLock { state -> Bool in
            if let messaging = state.messagingConversations[conversationID], messaging.participantID == participantID {
                state.messagingConversations[conversationID]?.attributes.merge(values) { _, new in new }
                return true
            }
            guard let conversation = state.conversations[conversationID], conversation.participantID == participantID else {
                return false
            }
            state.conversations[conversationID]?.attributes.merge(values) { _, new in new }
            return true
        }
        guard found else {
            return self.error(.notFound, code: "not.found", message: "The requested participant was not found.")
        }
        if echo { return self.reply(["attributes": .object(attributes)]) }
        var headers = HTTPFields()
        if let name = Self.correlationHeader { headers[name] = Self.newID() }
        return Response(status: .accepted, headers: headers)
    }
}
