import AuthBridgeTesting
import Foundation
import Hummingbird
import Testing

/// The committed extract of Genesys's published API definitions (`Tests/Contracts/genesys/`), and the
/// checks of a recorded call against it.
struct GenesysContract: Sendable {
    struct Parameter: Decodable, Sendable {
        let name: String
    }

    struct Operation: Decodable, Sendable {
        let operationId: String
        let method: String
        let path: String
        let queryParameters: [Parameter]
        let requestModel: String?
        let responseModel: String?
        let status: String
    }

    struct Field: Decodable, Sendable {
        let type: String
        let description: String?
        let readOnly: Bool?
        let maxLength: Int?
        let maxItems: Int?
        let `enum`: [String]?
    }

    struct Model: Decodable, Sendable {
        let fields: [String: Field]
    }

    struct Source: Decodable, Sendable {
        let package: String
        let version: String
        let legacyVersion: String
    }

    struct Region: Decodable, Sendable {
        let api: String?
    }

    struct File: Decodable, Sendable {
        let source: Source
        let operations: [Operation]
        let models: [String: Model]
        let regions: [String: Region]
    }

    let file: File

    /// The retired operations AuthBridge may still call with `legacyWebChat`: the guest chat API. The
    /// retired chats participant-attributes path never (the media-independent path exists).
    static let legacyPrefix = "/api/v2/webchat/"

    /// Emulator routes outside the platform API definitions, each with the source that names it.
    static let emulatorOnly: [String: String] = [
        "POST /oauth/token": "the login host's token endpoint: SDK api_client.py get_client_credentials_token (oauth.tokenEndpoints)",
        "POST /api/v2/signeddata": "Web Chat 1.x member tokens (legacy): not an operation since 2018; SDK 263 web_chat_api.py:1394 names it",
    ]

    static func load() throws -> GenesysContract {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Contracts/genesys/genesys-contract.json")
        return GenesysContract(file: try JSONDecoder().decode(File.self, from: Data(contentsOf: url)))
    }

    /// The path's segments, parameters as `*`.
    static func shape(_ path: String) -> [Substring] {
        path.split(separator: "/").map { $0.hasPrefix(":") || ($0.hasPrefix("{") && $0.hasSuffix("}")) ? "*" : $0 }
    }

    /// The operation `method path` is, preferring a literal segment over a parameter (`…/contacts/enrich`
    /// over `…/contacts/{contactId}`). A parameter of `path` (`:id`) matches only a parameter of the
    /// operation, so a route broader than the definition (`/conversations/:media/…`) is not in it.
    func operation(method: String, path: String) -> Operation? {
        let wanted = Self.shape(path)
        let candidates = self.file.operations.filter { operation in
            guard operation.method == method else { return false }
            let shape = Self.shape(operation.path)
            guard shape.count == wanted.count else { return false }
            return zip(shape, wanted).allSatisfy { $0 == "*" || $0 == $1 }
        }
        return candidates.max { Self.shape($0.path).filter { $0 != "*" }.count < Self.shape($1.path).filter { $0 != "*" }.count }
    }

    /// The problems of `value` as an instance of `type`: unknown fields, read-only fields (when
    /// `writing`), enum values and documented limits.
    func problems(_ value: Any, type: String, at location: String, writing: Bool) -> [String] {
        if type.hasPrefix("array<") {
            let element = String(type.dropFirst(6).dropLast())
            guard let array = value as? [Any] else { return ["\(location): not an array"] }
            return array.enumerated().flatMap { self.problems($1, type: element, at: "\(location)[\($0)]", writing: writing) }
        }
        if type.hasPrefix("map<string,") {
            let element = String(type.dropFirst(11).dropLast())
            guard let map = value as? [String: Any] else { return ["\(location): not an object"] }
            return map.flatMap { self.problems($1, type: element, at: "\(location).\($0)", writing: writing) }
        }
        switch type {
        case "string", "date-time", "date": return value is String ? [] : ["\(location): not a string"]
        case "boolean": return value is Bool || value is NSNumber ? [] : ["\(location): not a boolean"]
        case "integer", "number": return value is NSNumber ? [] : ["\(location): not a number"]
        case "object": return []
        default: break
        }
        guard let model = self.file.models[type] else { return ["\(location): model \(type) is not in the extract"] }
        guard let object = value as? [String: Any] else { return ["\(location): not a \(type) object"] }
        var problems: [String] = []
        for (name, member) in object {
            guard let field = model.fields[name] else {
                problems.append("\(location).\(name): not a field of \(type)")
                continue
            }
            if writing, field.readOnly == true { problems.append("\(location).\(name): read-only in \(type)") }
            if let text = member as? String {
                if let limit = field.maxLength, text.utf16.count > limit { problems.append("\(location).\(name): over \(limit) characters") }
                if let allowed = field.enum, !allowed.contains(text) { problems.append("\(location).\(name): \(text) is not one of \(allowed)") }
            }
            if let items = member as? [Any], let limit = field.maxItems, items.count > limit {
                problems.append("\(location).\(name): more than \(limit) items")
            }
            problems += self.problems(member, type: field.type, at: "\(location).\(name)", writing: writing)
        }
        return problems
    }

    /// Every way `call` departs from the definition: an unknown route, query parameter or body field,
    /// a read-only field sent, or a response field the response model lacks.
    /// Whether `method path` is one of the named emulator-only routes.
    static func isEmulatorOnly(method: String, path: String) -> Bool {
        Self.emulatorOnly.keys.contains { key in
            let parts = key.split(separator: " ", maxSplits: 1)
            return parts[0] == method && Self.shape(String(parts[1])) == Self.shape(path)
        }
    }

    func problems(of call: RecordedCall, legacy: Bool, checkingResponse: Bool = true) -> [String] {
        let name = "\(call.method.rawValue) \(call.path)"
        if Self.isEmulatorOnly(method: call.method.rawValue, path: call.path) { return [] }
        guard let operation = self.operation(method: call.method.rawValue, path: call.path) else {
            return ["\(name): not an operation of Genesys's definitions"]
        }
        var problems: [String] = []
        if operation.status == "retired", !legacy || !call.path.hasPrefix(Self.legacyPrefix) {
            problems.append("\(name): retired (\(operation.operationId))")
        }
        let known = Set(operation.queryParameters.map(\.name))
        for pair in (call.query ?? "").split(separator: "&") {
            let key = String(pair.split(separator: "=", maxSplits: 1).first ?? "")
            if !known.contains(key) { problems.append("\(name): query parameter \(key) is not defined") }
        }
        if !call.body.isEmpty {
            if let model = operation.requestModel {
                if let body = try? JSONSerialization.jsonObject(with: Data(call.body)) {
                    problems += self.problems(body, type: model, at: "\(name) request", writing: true)
                } else {
                    problems.append("\(name): request body is not JSON")
                }
            } else {
                problems.append("\(name): the operation takes no body")
            }
        }
        if checkingResponse, let status = call.responseStatus, (200..<300).contains(status), call.responseBody.isEmpty,
            operation.responseModel != nil
        {
            problems.append("\(name): answered \(status) without the \(operation.responseModel ?? "") body")
        }
        if checkingResponse, let status = call.responseStatus, !call.responseBody.isEmpty,
            let body = try? JSONSerialization.jsonObject(with: Data(call.responseBody))
        {
            if (200..<300).contains(status) {
                if let model = operation.responseModel {
                    problems += self.problems(body, type: model, at: "\(name) response", writing: false)
                } else {
                    problems.append("\(name): the operation answers no body")
                }
            } else {
                problems += self.problems(body, type: "ErrorBody", at: "\(name) error", writing: false)
            }
        }
        return problems
    }
}
