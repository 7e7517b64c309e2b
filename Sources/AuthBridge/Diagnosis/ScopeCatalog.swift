/// Scopes that do not exist, as AuthBridge's references name them: a token "granted" one is still
/// issued (Zendesk) or the client is refused, and every call then fails with 401 or 403.
enum ScopeCatalog {
    /// The scopes among `scopes` that exist in neither Zendesk Support OAuth nor Genesys Cloud, each with
    /// what to use instead.
    static func nonexistent(_ scopes: [String]) -> [(scope: String, instead: String)] {
        var found: [(scope: String, instead: String)] = []
        for scope in scopes {
            let name = scope.lowercased()
            if name.hasPrefix("scim:") {
                found.append((scope, "Support OAuth has no scim:* scope; use users:read or users:write (or read/write)"))
            } else if name.hasPrefix("chat:") {
                found.append((scope, "Support OAuth has no chat:* scope; the Chat API has its own OAuth clients with read, write and chat"))
            } else if name == "webchat:interaction" || name == "webmessaging:all" {
                found.append(
                    (
                        scope,
                        "Genesys has no such scope; the guest chat and Messenger token endpoints need no scope, and /api/v2/signeddata needs a role with the signature permission"
                    ))
            }
        }
        return found
    }
}
