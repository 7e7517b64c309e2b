import AuthBridgeCore
import AuthBridgeCrypto
import AuthBridgeGenesys
import AuthBridgeJWT

/// The store key and the sealing key of one session's mapping, both derived from the server's sealing key
/// and the session: the credential kind, the widget, the subject, and a hash of the credential itself (a
/// reload or a retry sends the same credential; a new login is a new session).
struct SessionMappingKeys: Sendable {
    let storeKey: String
    private let sealKey: [UInt8]

    init(request: WidgetRequest, session: VerifiedSession, widget: String, sealingKey: Secret) throws(JWTError) {
        let credentialHash = request.credential.withUnsafeBytes { Array($0) }
        let key = sealingKey.withUnsafeBytes { Array($0) }
        // Crypto failures are reported as JOSE's, the error type the diagnosis reads.
        do {
            let material = try [
                request.credentialKind.description, widget, session.subject,
                Base64URL.encode(Digest.sha256Hash(credentialHash)),
            ].joined(separator: "\u{1F}")
            self.storeKey =
                "authbridge:session:" + Base64URL.encode(try SessionSealing.hmacSHA256(key: key, message: Array(("map\u{1F}" + material).utf8)))
            self.sealKey = try SessionSealing.hmacSHA256(key: key, message: Array(("seal\u{1F}" + material).utf8))
        } catch {
            throw JWTError(error)
        }
    }

    func seal(_ conversation: GenesysGuestConversation) throws(JWTError) -> [UInt8] {
        do {
            return try SessionSealing.seal(Array(conversation.browserJSON.utf8), key: self.sealKey, additionalData: Array(self.storeKey.utf8))
        } catch {
            throw JWTError(error)
        }
    }

    func open(_ sealed: [UInt8]) throws -> GenesysGuestConversation {
        let bytes: [UInt8]
        do { bytes = try SessionSealing.open(sealed, key: self.sealKey, additionalData: Array(self.storeKey.utf8)) } catch { throw JWTError(error) }
        guard let object = try JSONValue(parsing: String(decoding: bytes, as: UTF8.self)).objectValue,
            let conversationID = object["conversationId"]?.stringValue, let memberID = object["memberId"]?.stringValue,
            let jwt = object["jwt"]?.stringValue, let eventStreamURI = object["eventStreamUri"]?.stringValue
        else { throw BridgeUnsupported.corruptMapping }
        return GenesysGuestConversation(conversationID: conversationID, memberID: memberID, jwt: Secret(jwt), eventStreamURI: eventStreamURI)
    }
}
