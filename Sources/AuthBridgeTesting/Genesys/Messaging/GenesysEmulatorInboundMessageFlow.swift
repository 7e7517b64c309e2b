import Foundation

/// The inbound message flow step the emulator runs when a customer's first message opens a web messaging
/// conversation: call a Web Services data action (``GenesysEmulatorDataAction``, the shipped file) with
/// `conversationId` (`Message.ConversationId`), `sub` (the sender's `addressDisplayable`, empty for a
/// guest) and `isAuthenticated` (`Message.IsAuthenticated`), then Set Participant Data with each output
/// under ``participantDataPrefix``, or `<prefix>status` = `callFailed` on the failure path (the shipped
/// flow fails open the same way).
public struct GenesysEmulatorInboundMessageFlow: Sendable {
    /// The data action the flow calls.
    public var dataAction: GenesysEmulatorDataAction
    /// Replaces the scheme and host of the action's URL template (the administrator's placeholder).
    public var baseURL: String
    /// The integration credential's user name (Basic Auth, sent with every request as Genesys does).
    public var userName: String
    /// Its secret.
    public var secret: String
    /// The participant data key prefix the flow writes outputs under; default `AuthBridge.`.
    public var participantDataPrefix: String

    /// Creates the flow step.
    /// - Parameters:
    ///   - dataAction: The action.
    ///   - baseURL: AuthBridge's base URL.
    ///   - userName: The credential's user name.
    ///   - secret: Its secret.
    ///   - participantDataPrefix: Default `AuthBridge.`.
    public init(
        dataAction: GenesysEmulatorDataAction, baseURL: String, userName: String, secret: String, participantDataPrefix: String = "AuthBridge."
    ) {
        self.dataAction = dataAction
        self.baseURL = baseURL
        self.userName = userName
        self.secret = secret
        self.participantDataPrefix = participantDataPrefix
    }

    /// The action's URL with the template's scheme and host replaced by ``baseURL``.
    var url: String {
        let template = self.dataAction.urlTemplate
        guard let scheme = template.range(of: "://"), let path = template[scheme.upperBound...].firstIndex(of: "/") else { return template }
        return self.baseURL + template[path...]
    }
}
