/// The customer of a web messaging conversation as Genesys lists it
/// (`GET /api/v2/conversations/messages/{conversationId}`, the participant whose `purpose` is `customer`;
/// `MessageMediaParticipant` in Genesys's definitions).
public struct GenesysMessagingCustomer: Sendable, Hashable {
    /// The participant id (attributes are written to it).
    public var participantID: String
    /// `authenticated`: whether the customer signed in through the deployment's OpenID integration.
    public var isAuthenticated: Bool
    /// `fromAddress.addressDisplayable`: for an authenticated customer, the OpenID `sub` (UNCONFIRMED by a
    /// published source; the inbound message flow's `senderAddressInfo.addressDisplayable` is the `sub`).
    public var address: String?
    /// `externalContact.id`: the External Contact Genesys's identity resolution linked, if any.
    public var externalContactID: String?

    /// Creates a customer record.
    /// - Parameters:
    ///   - participantID: The participant id.
    ///   - isAuthenticated: Whether the customer is authenticated.
    ///   - address: `fromAddress.addressDisplayable`.
    ///   - externalContactID: The linked External Contact.
    public init(participantID: String, isAuthenticated: Bool, address: String? = nil, externalContactID: String? = nil) {
        self.participantID = participantID
        self.isAuthenticated = isAuthenticated
        self.address = address
        self.externalContactID = externalContactID
    }
}
