internal import Hummingbird

extension GenesysEmulator {
    /// The emulated endpoints.
    static func router(_ backend: GenesysEmulatorBackend) -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.post("/oauth/token") { request, _ in try await backend.token(request) }
        router.post("/api/v2/signeddata") { request, _ in try await backend.signedData(request) }

        let guest = "/api/v2/webchat/guest/conversations"
        router.post(RouterPath(guest)) { request, _ in try await backend.createGuestConversation(request) }
        router.post(RouterPath(guest + "/:conversationId/members/:memberId/messages")) { request, context in
            try await backend.sendGuestMessage(
                request,
                conversationID: try context.parameters.require("conversationId"),
                memberID: try context.parameters.require("memberId")
            )
        }
        router.get(RouterPath(guest + "/:conversationId/messages")) { request, context in
            backend.guestMessages(request, conversationID: try context.parameters.require("conversationId"))
        }
        router.post(RouterPath(guest + "/:conversationId/members/:memberId/typing")) { request, context in
            backend.guestTyping(
                request,
                conversationID: try context.parameters.require("conversationId"),
                memberID: try context.parameters.require("memberId")
            )
        }
        router.get(RouterPath(guest + "/:conversationId/members/:memberId")) { request, context in
            backend.guestMember(
                request,
                conversationID: try context.parameters.require("conversationId"),
                memberID: try context.parameters.require("memberId")
            )
        }
        router.delete(RouterPath(guest + "/:conversationId/members/:memberId")) { request, context in
            backend.guestLeave(
                request,
                conversationID: try context.parameters.require("conversationId"),
                memberID: try context.parameters.require("memberId")
            )
        }

        router.patch("/api/v2/conversations/:media/:conversationId/participants/:participantId/attributes") { request, context in
            try await backend.participantAttributes(
                request,
                conversationID: try context.parameters.require("conversationId"),
                participantID: try context.parameters.require("participantId")
            )
        }

        let contacts = "/api/v2/externalcontacts/contacts"
        router.post(RouterPath(contacts)) { request, _ in try await backend.createContact(request) }
        router.get(RouterPath(contacts + "/:contactId")) { request, context in
            backend.getContact(request, id: try context.parameters.require("contactId"))
        }
        router.put(RouterPath(contacts + "/:contactId")) { request, context in
            try await backend.updateContact(request, id: try context.parameters.require("contactId"))
        }
        router.patch(RouterPath(contacts + "/:contactId/identifiers")) { request, context in
            try await backend.claimIdentifier(request, id: try context.parameters.require("contactId"))
        }
        router.post(RouterPath(contacts + "/:contactId/notes")) { request, context in
            try await backend.createNote(request, contactID: try context.parameters.require("contactId"))
        }
        router.get(RouterPath(contacts + "/:contactId/notes")) { request, context in
            backend.listNotes(request, contactID: try context.parameters.require("contactId"))
        }
        router.post("/api/v2/externalcontacts/identifierlookup/contacts") { request, _ in
            try await backend.lookupContact(request)
        }

        let messenger = "/api/v2/webdeployments/token"
        // Browser-facing: answers carry CORS headers for an allowed origin, and preflights are answered.
        router.post(RouterPath(messenger + "/oauthcodegrantjwtexchange")) { request, _ in
            backend.withCORS(request, try await backend.messengerExchange(request))
        }
        router.post(RouterPath(messenger + "/refresh")) { request, _ in
            backend.withCORS(request, try await backend.messengerRefresh(request))
        }
        router.delete(RouterPath(messenger + "/revoke")) { request, _ in backend.withCORS(request, backend.messengerRevoke(request)) }
        for path in ["/oauthcodegrantjwtexchange", "/refresh", "/revoke"] {
            router.on(RouterPath(messenger + path), method: .options) { request, _ in backend.messengerPreflight(request) }
        }
        return router
    }
}
