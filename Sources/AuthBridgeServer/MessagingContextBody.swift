import AuthBridge
import AuthBridgeJWT
import NIOCore

/// The messaging-context data action's input, read strictly: a flat JSON object with only
/// `conversationId`, `sub`, `isAuthenticated` and, from the `customer.start` workflow, `participantId`
/// and `externalContactId`; anything else, nested or oversized is refused.
enum MessagingContextBody {
    /// What is wrong with the input: our own text, never a value.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static let allowedKeys: Set<String> = ["conversationId", "sub", "isAuthenticated", "participantId", "externalContactId"]

    static func request(_ body: ByteBuffer) throws(Invalid) -> MessagingContextRequest {
        let text = String(buffer: body)
        guard let value = try? JSONValue(parsing: text, maximumDepth: 2), let object = value.objectValue else {
            throw Invalid(description: "the body is not a JSON object")
        }
        if object.contains(where: { !Self.allowedKeys.contains($0.name) }) {
            throw Invalid(description: "the body has a member this action does not take")
        }
        guard let conversationID = object["conversationId"]?.stringValue, Self.isGenesysID(conversationID) else {
            throw Invalid(description: "conversationId must be a Genesys conversation id")
        }
        let isAuthenticated: Bool
        switch object["isAuthenticated"] {
        case .bool(let flag)?: isAuthenticated = flag
        // A request template may send the flow's boolean as text.
        case .string("true")?: isAuthenticated = true
        case .string("false")?: isAuthenticated = false
        default: throw Invalid(description: "isAuthenticated must be true or false")
        }
        // A guest has no sub: the flow sends an empty one, which is only valid with isAuthenticated false.
        guard let subject = object["sub"]?.stringValue, subject.utf8.count <= 255, !subject.isEmpty || !isAuthenticated else {
            throw Invalid(description: "sub must be a string of 1 to 255 bytes (empty only for a guest)")
        }
        var participantID: String?
        if let value = object["participantId"], value != .string("") {
            guard let text = value.stringValue, Self.isGenesysID(text) else { throw Invalid(description: "participantId must be a Genesys id") }
            participantID = text
        }
        // The trigger's event carries the contact Genesys resolved; the bridge reads it from the
        // conversation itself, so it is checked for shape and not used.
        if let value = object["externalContactId"], value != .string("") {
            guard let text = value.stringValue, Self.isGenesysID(text) else { throw Invalid(description: "externalContactId must be a Genesys id") }
        }
        return MessagingContextRequest(
            conversationID: conversationID,
            subject: subject,
            isAuthenticated: isAuthenticated,
            participantID: participantID
        )
    }

    /// Genesys ids are GUIDs; 1–64 letters, digits and hyphens keeps paths and logs safe without assuming more.
    static func isGenesysID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy {
                $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            }
    }
}
