/// The Genesys paths AuthBridge still knows but Genesys removed from its public API definitions.
///
/// Sources: the official SDK `PureCloudPlatformClientV2` has `apis/web_chat_api.py` (every method
/// deprecated, pointing to the article "deprecation-removal-of-acd-web-chat-version-2") up to 263.0.0
/// and none of it from 264.0.0 on; `/api/v2/signeddata` has not been an operation since 2018
/// (`Tests/Contracts/genesys/genesys-contract.json` lists what is current and what is retired).
package enum GenesysRetiredAPI {
    /// Path prefixes of retired operations.
    package static let pathPrefixes = ["/api/v2/webchat/", "/api/v2/conversations/chats/", "/api/v2/signeddata"]

    /// The retired operations that name no resource: a 404 there can only mean the API is gone, while a
    /// 404 on a path with ids may be a chat or member that ended.
    package static let entryPoints = ["POST /api/v2/webchat/guest/conversations", "POST /api/v2/signeddata"]

    /// What a 404 on an entry point, or a 410 on any retired path, means.
    static let reason = "Genesys removed this API (ACD web chat v2); move to Web Messaging"

    /// Whether `METHOD /path` is a retired entry point.
    /// - Parameter operation: `METHOD /path`.
    package static func isEntryPoint(operation: String) -> Bool {
        Self.entryPoints.contains(operation)
    }

    /// Whether `METHOD /path` names a retired path.
    /// - Parameter operation: `METHOD /path`, as ``GenesysError/operation`` holds it.
    package static func contains(operation: String) -> Bool {
        let path = operation.split(separator: " ", maxSplits: 1).last.map(String.init) ?? operation
        return Self.pathPrefixes.contains { path.hasPrefix($0) || path + "/" == $0 }
    }
}
