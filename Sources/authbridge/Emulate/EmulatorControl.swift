import ArgumentParser
import AuthBridge
import AuthBridgeTesting
import Foundation
import Hummingbird

/// The control API of `authbridge emulate`: arm and clear faults, read and clear recorded calls, from
/// any language (`Documentation/Emulators.md`).
struct EmulatorControl: Sendable {
    let zendesk: ZendeskEmulator
    let genesys: GenesysEmulator

    /// One fault to arm: where, what, how many times.
    struct FaultRequest: Sendable {
        let emulator: String
        let route: EmulatorRoute
        let fault: EmulatorFault
        let count: EmulatorFaultCount

        init(_ value: ContextValue) throws {
            guard let emulator = value["emulator"]?.stringValue, ["zendesk", "genesys"].contains(emulator) else {
                throw ValidationError("a fault needs emulator: zendesk or genesys")
            }
            guard let path = value["path"]?.stringValue, path.hasPrefix("/") else { throw ValidationError("a fault needs a path starting with /") }
            self.emulator = emulator
            self.route = EmulatorRoute(value["method"]?.stringValue.flatMap { HTTPRequest.Method(rawValue: $0.uppercased()) }, path)
            if let status = value["status"]?.numberValue, (100...599).contains(status) {
                // The two headers a fault needs: how long to wait, and what the body is.
                var headers = HTTPFields()
                if let seconds = value["retryAfter"]?.numberValue, seconds >= 0 { headers[.retryAfter] = String(Int(seconds)) }
                headers[.contentType] = value["contentType"]?.stringValue ?? "application/json"
                self.fault = .respond(status: .init(code: Int(status)), headers: headers, body: value["body"]?.stringValue ?? "")
            } else if let milliseconds = value["delayMs"]?.numberValue, milliseconds >= 0, milliseconds <= 600_000 {
                self.fault = .delay(.milliseconds(Int64(milliseconds)))
            } else if value["drop"]?.boolValue == true {
                self.fault = .dropConnection
            } else if value["malformed"]?.boolValue == true {
                self.fault = .malformedBody
            } else {
                throw ValidationError("a fault needs status, delayMs, drop or malformed")
            }
            switch value["count"] {
            case .string("always")?: self.count = .always
            case .number(let times)? where times >= 1: self.count = .times(Int(times))
            default: self.count = .once
            }
        }
    }

    func arm(_ request: FaultRequest) {
        let faults = request.emulator == "zendesk" ? self.zendesk.faults : self.genesys.faults
        faults.inject(request.fault, on: request.route, count: request.count)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/emulators") { _, _ in
            Self.json(["zendesk": .string(self.zendesk.baseURL), "genesys": .string(self.genesys.baseURL)])
        }
        router.post("/faults") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            do {
                let value = try JSONDecoder().decode(ContextValue.self, from: Data(body.readableBytesView))
                let faults = try Self.faults(value)
                faults.forEach(self.arm)
                return Self.json(["armed": .number(Double(faults.count))], status: .created)
            } catch {
                return Self.json(["error": .string("\(error)")], status: .badRequest)
            }
        }
        router.delete("/faults") { _, _ in
            self.zendesk.faults.clearAll()
            self.genesys.faults.clearAll()
            return Response(status: .noContent)
        }
        router.get("/calls") { request, _ in
            let which = request.uri.queryParameters.get("emulator") ?? "genesys"
            let calls = which == "zendesk" ? self.zendesk.calls.all : self.genesys.calls.all
            // Method, path, query and status: never a header or a body, which may hold credentials.
            let listed = calls.map { call -> ContextValue in
                [
                    "method": .string(call.method.rawValue), "path": .string(call.path),
                    "query": call.query.map(ContextValue.string) ?? .null,
                    "status": call.responseStatus.map { .number(Double($0)) } ?? .null,
                ]
            }
            return Self.json(["emulator": .string(which), "calls": .array(listed)])
        }
        router.delete("/calls") { _, _ in
            self.zendesk.calls.clear()
            self.genesys.calls.clear()
            return Response(status: .noContent)
        }
        return router
    }

    /// One fault object, or an array of them.
    static func faults(_ value: ContextValue) throws -> [FaultRequest] {
        if case .array(let items) = value { return try items.map(FaultRequest.init) }
        return [try FaultRequest(value)]
    }

    static func json(_ value: ContextValue, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
