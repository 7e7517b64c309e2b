public import AuthBridgeCore

/// What the page sends to start a widget: the customer's Zendesk credential, its kind, and the widget.
public struct WidgetRequest: Sendable, CustomStringConvertible {
    /// The Zendesk credential exactly as the page holds it (a JWT or an OAuth access token).
    public var credential: Secret
    /// Which kind of Zendesk credential it is.
    public var credentialKind: CredentialKind
    /// The widget to start.
    public var widget: Widget
    /// The customer's earlier Zendesk conversation, to carry into Genesys.
    public var history: HistoryReference?

    /// Creates a request.
    /// - Parameters:
    ///   - credential: The Zendesk credential.
    ///   - credentialKind: Its kind.
    ///   - widget: The widget to start.
    ///   - history: The earlier Zendesk conversation, if any.
    public init(credential: Secret, credentialKind: CredentialKind, widget: Widget, history: HistoryReference? = nil) {
        self.credential = credential
        self.credentialKind = credentialKind
        self.widget = widget
        self.history = history
    }

    /// The kind and widget; never the credential.
    public var description: String { "WidgetRequest(\(self.credentialKind), \(self.widget))" }
}
