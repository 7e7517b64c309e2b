import AuthBridgeTesting
import Foundation
import Hummingbird

/// The committed extracts of Zendesk's published definitions (`Tests/Contracts/zendesk/`): the Sunshine
/// Conversations spec's operations and models, and the documented Support and Chat endpoints. Checks a
/// recorded call (what the client sent, what the emulator answered) against them.
struct ZendeskContract: @unchecked Sendable {
    // @unchecked: the parsed JSON is immutable after load and only read.
    let sunshine: [String: Any]
    let documented: [String: Any]

    static func load() throws -> ZendeskContract {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Contracts/zendesk")
        func object(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
            return object
        }
        return ZendeskContract(sunshine: try object("sunshine-contract.json"), documented: try object("zendesk-documented.json"))
    }

    /// The API the Sunshine Conversations paths live under on a Zendesk host.
    static let sunshinePrefix = "/sc"

    var operations: [[String: Any]] { self.sunshine["operations"] as? [[String: Any]] ?? [] }
    var models: [String: [String: Any]] { self.sunshine["models"] as? [String: [String: Any]] ?? [:] }
    var endpoints: [[String: Any]] { self.documented["endpoints"] as? [[String: Any]] ?? [] }
    var facts: [[String: Any]] { self.documented["facts"] as? [[String: Any]] ?? [] }

    static func shape(_ path: String) -> [Substring] {
        path.split(separator: "/").map { $0.hasPrefix(":") || ($0.hasPrefix("{") && $0.hasSuffix("}")) ? "*" : $0 }
    }

    private static func matches(_ pattern: String, _ path: String) -> Bool {
        let want = Self.shape(path)
        let have = Self.shape(pattern)
        return want.count == have.count && zip(have, want).allSatisfy { $0 == "*" || $0 == $1 }
    }

    /// The Sunshine operation `method path` is (path on a Zendesk host, under `/sc`), preferring literal
    /// segments over parameters.
    func operation(method: String, path: String) -> [String: Any]? {
        guard path.hasPrefix(Self.sunshinePrefix + "/") else { return nil }
        let inner = String(path.dropFirst(Self.sunshinePrefix.count))
        return self.operations.filter { ($0["method"] as? String) == method && Self.matches($0["path"] as? String ?? "", inner) }
            .max { Self.literals($0) < Self.literals($1) }
    }

    /// The documented Support or Chat endpoint `method path` is.
    func endpoint(method: String, path: String) -> [String: Any]? {
        self.endpoints.filter { ($0["method"] as? String) == method && Self.matches($0["path"] as? String ?? "", path) }
            .max { Self.literals($0) < Self.literals($1) }
    }

    private static func literals(_ entry: [String: Any]) -> Int {
        Self.shape(entry["path"] as? String ?? "").filter { $0 != "*" }.count
    }

    // MARK: Calls

    /// Every way `call` departs from the definitions. `tokenAPI` says which API issued a bearer token
    /// (the emulator knows); `nil` for one it never saw.
    func problems(of call: RecordedCall, tokenAPI: (String) -> ZendeskEmulatorToken.API?) -> [String] {
        let name = "\(call.method.rawValue) \(call.path)"
        if let operation = self.operation(method: call.method.rawValue, path: call.path) {
            return self.sunshineProblems(call, operation, name: name)
        }
        guard let endpoint = self.endpoint(method: call.method.rawValue, path: call.path) else {
            return ["\(name): in neither the Sunshine Conversations spec nor Zendesk's documented endpoints"]
        }
        var problems: [String] = []
        let authorization = call.header("Authorization")
        switch endpoint["auth"] as? String {
        case "bearer-support", "bearer-chat":
            let wanted: ZendeskEmulatorToken.API = endpoint["auth"] as? String == "bearer-chat" ? .chat : .support
            guard let authorization, authorization.hasPrefix("Bearer ") else {
                problems.append("\(name): no Bearer token")
                break
            }
            // Only calls the emulator let through say which token was used; a refused one is the point of a test.
            if let status = call.responseStatus, (200..<300).contains(status), tokenAPI(String(authorization.dropFirst(7))) != wanted {
                problems.append("\(name): answered \(status) to a token that is not a \(wanted) token")
            }
        case "client-secret-in-body":
            if authorization != nil { problems.append("\(name): the client secret goes in the body, not a header") }
            problems += self.bodyProblems(call, endpoint, name: name)
        default:
            problems.append("\(name): the endpoint names no auth scheme")
        }
        let known = Set(endpoint["query"] as? [String] ?? [])
        for key in Self.queryKeys(call.query) where !known.contains(key) {
            problems.append("\(name): query parameter \(key) is not documented")
        }
        if let status = call.responseStatus, (200..<300).contains(status) {
            if let allowed = endpoint["successStatus"] as? [Int], !allowed.contains(status) {
                problems.append("\(name): answered \(status), documented \(allowed)")
            }
            let fields = Set(endpoint["responseFields"] as? [String] ?? [])
            if let body = try? JSONSerialization.jsonObject(with: Data(call.responseBody)) as? [String: Any] {
                for key in body.keys where !fields.contains(key) { problems.append("\(name): response field \(key) is not documented") }
            } else {
                problems.append("\(name): answered \(status) without a JSON object")
            }
        }
        return problems
    }

    private func bodyProblems(_ call: RecordedCall, _ endpoint: [String: Any], name: String) -> [String] {
        let fields = Set(endpoint["requestFields"] as? [String] ?? [])
        let contentType = call.header("Content-Type")?.lowercased() ?? ""
        let keys: [String]
        switch endpoint["requestEncoding"] as? String {
        case "form":
            guard contentType.hasPrefix("application/x-www-form-urlencoded") else { return ["\(name): the body must be form-encoded"] }
            keys = Self.queryKeys(call.bodyText)
        case "json":
            guard contentType.hasPrefix("application/json"),
                let body = try? JSONSerialization.jsonObject(with: Data(call.body)) as? [String: Any]
            else { return ["\(name): the body must be a JSON object"] }
            keys = Array(body.keys)
        default:
            return ["\(name): the endpoint names no body encoding"]
        }
        return keys.filter { !fields.contains($0) }.map { "\(name): body field \($0) is not documented" }
    }

    private func sunshineProblems(_ call: RecordedCall, _ operation: [String: Any], name: String) -> [String] {
        var problems: [String] = []
        // basicAuth (key id and secret) or bearerAuth (an app/account JWT): both are the spec's schemes.
        let authorization = call.header("Authorization") ?? ""
        if !authorization.hasPrefix("Basic ") && !authorization.hasPrefix("Bearer ") { problems.append("\(name): no Basic or Bearer credential") }
        let parameters = operation["queryParameters"] as? [[String: Any]] ?? []
        for pair in (call.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            guard let parameter = parameters.first(where: { $0["name"] as? String == key }) else {
                problems.append("\(name): query parameter \(key) is not in the spec")
                continue
            }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if let limits = parameter["limits"] as? [String: Any] {
                if let minimum = limits["minLength"] as? Int, value.count < minimum { problems.append("\(name): \(key) shorter than \(minimum)") }
                if let maximum = limits["maxLength"] as? Int, value.count > maximum { problems.append("\(name): \(key) longer than \(maximum)") }
                if let top = limits["maximum"] as? Int, let number = Int(value), number > top { problems.append("\(name): \(key) over \(top)") }
            }
        }
        if let status = call.responseStatus, let body = try? JSONSerialization.jsonObject(with: Data(call.responseBody)) {
            if (200..<300).contains(status) {
                problems += self.problems(body, model: operation["responseModel"] as? String ?? "", at: "\(name) response")
            } else {
                problems += self.problems(body, model: "errorResponse", at: "\(name) error")
            }
        }
        return problems
    }

    // MARK: Models

    /// The fields of `model` with those of the models it is composed of.
    private func fields(of model: [String: Any]) -> [String: [String: Any]] {
        var fields = model["fields"] as? [String: [String: Any]] ?? [:]
        for part in model["composedOf"] as? [String] ?? [] {
            if let composed = self.models[part] { fields.merge(self.fields(of: composed)) { own, _ in own } }
        }
        return fields
    }

    /// Every way `value` departs from `model`: invented fields, wrong types, enum values, lengths, and
    /// timestamps not in the documented `…ss.SSSZ` form.
    func problems(_ value: Any, model name: String, at location: String) -> [String] {
        guard let model = self.models[name] else { return ["\(location): model \(name) is not in the extract"] }
        guard let object = value as? [String: Any] else { return ["\(location): not a \(name) object"] }
        if let variants = model["oneOf"] as? [String], let discriminator = model["discriminator"] as? [String: Any] {
            let property = discriminator["propertyName"] as? String ?? "type"
            let mapping = (discriminator["mapping"] ?? discriminator["derivedMapping"]) as? [String: String] ?? [:]
            let kind = object[property] as? String ?? ""
            if let variant = mapping[kind] { return self.problems(object, model: variant, at: location) }
            // Variants the spec gives no value (`reply`, `webview`) take their own name, as the extractor's
            // derived mapping does for the others, or their `type` default.
            for variant in variants where mapping.values.contains(variant) == false {
                let field = self.models[variant].map(self.fields(of:))?[property]
                if variant == kind || field?["default"] as? String == kind { return self.problems(object, model: variant, at: location) }
            }
            return ["\(location): \(property) \(kind) is none of \(name)'s variants"]
        }
        let fields = self.fields(of: model)
        var problems: [String] = []
        for (key, member) in object {
            guard let field = fields[key] else {
                problems.append("\(location).\(key): not a field of \(name)")
                continue
            }
            problems += self.problems(member, field: field, at: "\(location).\(key)")
        }
        return problems
    }

    private func problems(_ value: Any, field: [String: Any], at location: String) -> [String] {
        if value is NSNull { return field["nullable"] as? Bool == true ? [] : ["\(location): null but not nullable"] }
        let type = field["type"] as? String ?? "object"
        switch type {
        case "string":
            guard let text = value as? String else { return ["\(location): not a string"] }
            var problems: [String] = []
            if let allowed = field["enum"] as? [String], !allowed.contains(text) { problems.append("\(location): \(text) is not one of \(allowed)") }
            if let format = field["documentedFormat"] as? String, format.uppercased().hasSuffix("SS.SSSZ"), !Self.isMillisecondTime(text) {
                problems.append("\(location): \(text) is not \(format)")
            }
            if let limits = field["limits"] as? [String: Any], let maximum = limits["maxLength"] as? Int, text.count > maximum {
                problems.append("\(location): longer than \(maximum)")
            }
            return problems
        case "number", "integer":
            // Foundation on Linux reads JSON true as an NSNumber too: numbers and booleans are told apart
            // by the string and object cases only.
            return value is NSNumber ? [] : ["\(location): not a number"]
        case "boolean":
            return value is Bool || value is NSNumber ? [] : ["\(location): not a boolean"]
        case "array":
            guard let array = value as? [Any] else { return ["\(location): not an array"] }
            let items = field["items"] as? [String: Any] ?? [:]
            return array.enumerated().flatMap { index, element in self.problems(element, field: items, at: "\(location)[\(index)]") }
        default:
            if let reference = field["ref"] as? String, self.models[reference] != nil, field["freeForm"] as? Bool != true {
                return self.problems(value, model: reference, at: location)
            }
            return value is [String: Any] ? [] : ["\(location): not an object"]
        }
    }

    /// `YYYY-MM-DDThh:mm:ss.SSSZ`.
    static func isMillisecondTime(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil
    }

    private static func queryKeys(_ query: String?) -> [String] {
        (query ?? "").split(separator: "&").map { Self.decode($0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
