internal import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

/// A response that arrived within the size cap.
struct GenesysResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var operation: String

    var correlationID: String? { self.headers.first(name: "inin-correlation-id") }

    /// The body as a JSON object, or ``GenesysError/Code/malformedResponse``.
    func jsonObject() throws(GenesysError) -> JSONObject {
        let text = String(decoding: self.body, as: UTF8.self)
        guard let value = try? JSONValue(parsing: text), let object = value.objectValue else {
            throw GenesysError(
                .malformedResponse,
                kind: .permanent,
                reason: "the response is not a JSON object",
                operation: self.operation,
                status: self.status,
                correlationID: self.correlationID
            )
        }
        return object
    }

    /// A required string member, or ``GenesysError/Code/malformedResponse`` naming it.
    func string(_ name: String, in object: JSONObject) throws(GenesysError) -> String {
        guard let value = object[name]?.stringValue, !value.isEmpty else {
            throw GenesysError(
                .malformedResponse,
                kind: .permanent,
                reason: "the response has no '\(name)' string",
                operation: self.operation,
                status: self.status,
                correlationID: self.correlationID
            )
        }
        return value
    }
}
