internal import AsyncHTTPClient
internal import AuthBridgeJWT
import Foundation
internal import NIOCore
internal import NIOHTTP1

extension GenesysEmulatorBackend {
    /// Runs `flow`'s data action with `inputs` as Genesys's integration does (Basic Auth on the request,
    /// the template evaluated, the translation map applied) and returns the participant data the flow sets.
    func runDataAction(_ flow: GenesysEmulatorInboundMessageFlow, inputs: [String: JSONValue]) async -> [String: String] {
        let prefix = flow.participantDataPrefix
        do {
            var request = HTTPClientRequest(url: flow.url)
            request.method = HTTPMethod(rawValue: flow.dataAction.method)
            for (name, value) in flow.dataAction.headers { request.headers.add(name: name, value: value) }
            let credential = Data("\(flow.userName):\(flow.secret)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic " + credential)
            request.body = .bytes(ByteBuffer(string: try flow.dataAction.body(inputs: inputs)))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            guard (200..<300).contains(response.status.code), let outputs = flow.dataAction.outputs(from: body) else {
                return [prefix + "status": "callFailed"]
            }
            var data: [String: String] = [:]
            for (name, value) in outputs { data[prefix + name] = value.stringValue ?? value.serialized }
            return data
        } catch {
            return [prefix + "status": "callFailed"]
        }
    }
}
