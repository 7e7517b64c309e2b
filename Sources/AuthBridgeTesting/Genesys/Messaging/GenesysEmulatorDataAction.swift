internal import AuthBridgeJWT
import Foundation

/// A Web Services data action in the JSON form Genesys exports it (`name`, `integrationType`,
/// `config.request`, `config.response`, `contract`), read so the emulator can run it as Genesys would.
///
/// The emulator evaluates the subset of Velocity the shipped AuthBridge action uses, `${input.x}` and
/// `$esc.jsonString(${input.x})`, and translation maps of `$.name` paths; a file that needs more is refused
/// when loaded, so a test never passes on a template the emulator silently misread.
public struct GenesysEmulatorDataAction: Sendable {
    /// The action's name.
    public let name: String
    /// `config.request.requestUrlTemplate`.
    public let urlTemplate: String
    /// `config.request.requestType`.
    public let method: String
    /// `config.request.headers`.
    public let headers: [String: String]
    /// `config.request.requestTemplate`.
    public let requestTemplate: String
    /// `config.response.translationMap`: output name → `$.member`.
    public let translationMap: [String: String]
    /// `config.response.translationMapDefaults`: output name → JSON text.
    public let translationMapDefaults: [String: String]
    /// The input names `contract.input.inputSchema.properties` declares.
    public let inputNames: Set<String>

    /// Why a data action file cannot be run by the emulator.
    public struct Unsupported: Error, CustomStringConvertible {
        /// What is not supported.
        public let description: String
    }

    /// Reads an exported data action.
    /// - Parameter json: The file's text.
    /// - Throws: ``Unsupported`` for a file that is not an export, or needs templates or paths the emulator
    ///   does not evaluate.
    public init(json: String) throws {
        guard let object = try? JSONValue(parsing: json, maximumDepth: 16).objectValue,
            let name = object["name"]?.stringValue,
            object["integrationType"]?.stringValue == "custom-rest-actions",
            let request = object["config"]?.objectValue?["request"]?.objectValue,
            let response = object["config"]?.objectValue?["response"]?.objectValue,
            let urlTemplate = request["requestUrlTemplate"]?.stringValue,
            let method = request["requestType"]?.stringValue,
            let template = request["requestTemplate"]?.stringValue,
            let properties = object["contract"]?.objectValue?["input"]?.objectValue?["inputSchema"]?.objectValue?["properties"]?.objectValue
        else { throw Unsupported(description: "not an exported Web Services data action") }
        var headers: [String: String] = [:]
        for (key, value) in request["headers"]?.objectValue ?? [:] { headers[key] = value.stringValue ?? "" }
        var map: [String: String] = [:]
        for (key, value) in response["translationMap"]?.objectValue ?? [:] {
            guard let path = value.stringValue, path.hasPrefix("$."), !path.dropFirst(2).contains(where: { "[].*?@".contains($0) }) else {
                throw Unsupported(description: "translation map \(key) is not a $.name path")
            }
            map[key] = path
        }
        var defaults: [String: String] = [:]
        for (key, value) in response["translationMapDefaults"]?.objectValue ?? [:] { defaults[key] = value.stringValue ?? "" }
        self.name = name
        self.urlTemplate = urlTemplate
        self.method = method
        self.headers = headers
        self.requestTemplate = template
        self.translationMap = map
        self.translationMapDefaults = defaults
        self.inputNames = Set(properties.map(\.name))
        // Every template in the file must evaluate with some input: try it with empty values.
        _ = try self.body(inputs: Dictionary(uniqueKeysWithValues: self.inputNames.map { ($0, JSONValue.string("")) }))
    }

    /// The request body for `inputs`, the template evaluated.
    /// - Throws: ``Unsupported`` for a construct other than `${input.x}` and `$esc.jsonString(${input.x})`.
    func body(inputs: [String: JSONValue]) throws -> String {
        var output = ""
        var rest = Substring(self.requestTemplate)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            rest = rest[dollar...]
            if rest.hasPrefix("$esc.jsonString(${input.") {
                let start = rest.index(rest.startIndex, offsetBy: "$esc.jsonString(${input.".count)
                guard let close = rest[start...].range(of: "})") else { throw Unsupported(description: "unterminated $esc.jsonString") }
                let name = String(rest[start..<close.lowerBound])
                var escaped = JSONValue.string(Self.text(inputs[name])).serialized
                escaped.removeFirst()
                escaped.removeLast()
                output += escaped
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("${input.") {
                let start = rest.index(rest.startIndex, offsetBy: "${input.".count)
                guard let close = rest[start...].firstIndex(of: "}") else { throw Unsupported(description: "unterminated ${input.}") }
                output += Self.text(inputs[String(rest[start..<close])])
                rest = rest[rest.index(after: close)...]
            } else {
                throw Unsupported(description: "the template uses Velocity the emulator does not evaluate")
            }
        }
        return output + rest
    }

    /// Velocity prints a value as its text: strings as they are, booleans and numbers as JSON.
    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case nil, .null?: ""
        case let other?: other.serialized
        }
    }

    /// The action's outputs from a response body, by the translation map; a missing member takes its
    /// default, and without a default the action fails (`nil`), as Genesys's does.
    func outputs(from body: String) -> [String: JSONValue]? {
        let object = (try? JSONValue(parsing: body, maximumDepth: 8))?.objectValue ?? [:]
        var outputs: [String: JSONValue] = [:]
        for (name, path) in self.translationMap {
            if let value = object[String(path.dropFirst(2))], value != .null {
                outputs[name] = value
            } else if let fallback = self.translationMapDefaults[name], let value = try? JSONValue(parsing: fallback) {
                outputs[name] = value
            } else {
                return nil
            }
        }
        return outputs
    }
}
