/// Why a request asked for something this bridge is not configured for.
enum BridgeUnsupported: Error, Sendable, CustomStringConvertible {
    case credentialKind(String)
    case widget(String)
    /// A web chat widget asked for while `legacyWebChat` is off: Genesys retired it.
    case retiredWidget(String)
    case history(String)
    case corruptMapping
    case foreignHistory
    /// The messaging-context data action needs Genesys and subject bindings.
    case messagingContext
    /// The conversation's customer is not the subject the caller named.
    case subjectMismatch

    var description: String {
        switch self {
        case .credentialKind(let kind): "no validator is configured for \(kind) credentials"
        case .widget(let widget): "the \(widget) widget is not configured"
        case .retiredWidget(let widget): "the \(widget) widget uses an API Genesys retired (ACD web chat v2); it needs legacyWebChat"
        case .history(let source): "no \(source) history reader is configured"
        case .corruptMapping: "the stored session mapping is not a guest conversation"
        case .messagingContext: "the messaging-context data action is not configured (genesys.*, genesys.dataAction.* and oidc.*)"
        case .subjectMismatch:
            "the conversation's customer participant is not the subject named (neither its address nor its External Contact matches); nothing was written"
        case .foreignHistory:
            "the named Zendesk conversation belongs to another customer (neither external id nor email matches the session); it is not carried"
        }
    }
}
