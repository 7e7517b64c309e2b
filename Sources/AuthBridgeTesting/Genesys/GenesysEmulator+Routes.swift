internal import Hummingbird

extension GenesysEmulator {
    /// The emulated endpoints. Each is an operation of Genesys's published definitions
    /// (`Tests/Contracts/genesys/genesys-contract.json`) or, for `POST /oauth/token` on the login host,
    /// of its OAuth documentation; the contract test keeps it so.
    static func router(_ backend: GenesysEmulatorBackend) -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.post("/oauth/token") { request, _ in try await backend.token(request) }
        Self.legacyRoutes(router, backend)

        router.get("/api/v2/conversations/:conversationId") { request, context in
            backend.conversation(request, conversationID: try context.parameters.require("conversationId"))
        }
        router.patch("/api/v2/conversations/:conversationId/participants/:participantId/attributes") { request, context in
            try await backend.participantAttributes(
                request,
                conversationID: try context.parameters.require("conversationId"),
                participantID: try context.parameters.require("participantId")
            )
        }
        router.get("/api/v2/conversations/messages/:conversationId") { request, context in
            backend.messagingConversation(request, conversationID: try context.parameters.require("conversationId"))
        }
        router.patch("/api/v2/conversations/messages/:conversationId/participants/:participantId/attributes") { request, context in
            try await backend.participantAttributes(
                request,
                conversationID: try context.parameters.require("conversationId"),
                participantID: try context.parameters.require("participantId"),
                echo: true
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
        router.post(RouterPath(contacts + "/enrich")) { request, _ in try await backend.enrichContact(request) }
        router.post("/api/v2/externalcontacts/identifierlookup/contacts") { request, _ in
            try await backend.lookupContact(request)
        }
        let sources = "/api/v2/externalcontacts/externalsources"
        router.get(RouterPath(sources)) { request, _ in backend.listExternalSources(request) }
        router.post(RouterPath(sources)) { request, _ in try await backend.createExternalSource(request) }
        router.get(RouterPath(sources + "/:externalSourceId")) { request, context in
            backend.getExternalSource(request, id: try context.parameters.require("externalSourceId"))
        }
        router.put("/api/v2/externalcontacts/conversations/:conversationId") { request, context in
            try await backend.associateConversation(request, conversationID: try context.parameters.require("conversationId"))
        }

        router.get("/api/v2/webdeployments/deployments/:deploymentId") { request, context in
            backend.webDeployment(request, id: try context.parameters.require("deploymentId"))
        }
        router.get("/api/v2/webdeployments/deployments/:deploymentId/identityresolution") { request, context in
            backend.identityResolution(request, deploymentID: try context.parameters.require("deploymentId"))
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

    /// The retired web chat APIs: served only with ``Configuration/legacyWebChat``, else 404 as removed.
    private static func legacyRoutes(_ router: Router<EmulatorRequestContext>, _ backend: GenesysEmulatorBackend) {
        router.post("/api/v2/signeddata") { request, _ in
            try await backend.legacy { try await backend.signedData(request) }
        }
        let guest = "/api/v2/webchat/guest/conversations"
        router.post(RouterPath(guest)) { request, _ in
            try await backend.legacy { try await backend.createGuestConversation(request) }
        }
        router.post(RouterPath(guest + "/:conversationId/members/:memberId/messages")) { request, context in
            try await backend.legacy {
                try await backend.sendGuestMessage(
                    request,
                    conversationID: try context.parameters.require("conversationId"),
                    memberID: try context.parameters.require("memberId")
                )
            }
        }
        router.get(RouterPath(guest + "/:conversationId/messages")) { request, context in
            try await backend.legacy {
                backend.guestMessages(request, conversationID: try context.parameters.require("conversationId"))
            }
        }
        router.post(RouterPath(guest + "/:conversationId/members/:memberId/typing")) { request, context in
            try await backend.legacy {
                backend.guestTyping(
                    request,
                    conversationID: try context.parameters.require("conversationId"),
                    memberID: try context.parameters.require("memberId")
                )
            }
        }
        router.get(RouterPath(guest + "/:conversationId/members/:memberId")) { request, context in
            try await backend.legacy {
                backend.guestMember(
                    request,
                    conversationID: try context.parameters.require("conversationId"),
                    memberID: try context.parameters.require("memberId")
                )
            }
        }
        router.delete(RouterPath(guest + "/:conversationId/members/:memberId")) { request, context in
            try await backend.legacy {
                backend.guestLeave(
                    request,
                    conversationID: try context.parameters.require("conversationId"),
                    memberID: try context.parameters.require("memberId")
                )
            }
        }
        router.patch("/api/v2/conversations/chats/:conversationId/participants/:participantId/attributes") { request, context in
            try await backend.legacy {
                try await backend.participantAttributes(
                    request,
                    conversationID: try context.parameters.require("conversationId"),
                    participantID: try context.parameters.require("participantId")
                )
            }
        }
    }
}
