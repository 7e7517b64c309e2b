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
            if let status = Self.integer(value["status"], in: 100...599) {
                // The two headers a fault needs: how long to wait, and what the body is.
                var headers = HTTPFields()
                if let seconds = Self.integer(value["retryAfter"], in: 0...86_400) { headers[.retryAfter] = String(seconds) }
                headers[.contentType] = value["contentType"]?.stringValue ?? "application/json"
                self.fault = .respond(status: .init(code: status), headers: headers, body: value["body"]?.stringValue ?? "")
            } else if let milliseconds = Self.integer(value["delayMs"], in: 0...600_000) {
                self.fault = .delay(.milliseconds(milliseconds))
            } else if value["drop"]?.boolValue == true {
                self.fault = .dropConnection
            } else if value["malformed"]?.boolValue == true {
                self.fault = .malformedBody
            } else {
                throw ValidationError("a fault needs status, delayMs, drop or malformed")
            }
            switch value["count"] {
            case nil: self.count = .once
            case .string("always")?: self.count = .always
            case let times?:
                guard let count = Self.integer(times, in: 1...1_000_000) else { throw ValidationError("count must be 1 to 1000000 or \"always\"") }
                self.count = .times(count)
            }
        }

        /// A whole number within `range`; a fraction, a huge value or another type is `nil` (never a trap).
        static func integer(_ value: ContextValue?, in range: ClosedRange<Int>) -> Int? {
            guard let number = value?.numberValue, number.rounded() == number, number >= Double(range.lowerBound),
                number <= Double(range.upperBound)
            else { return nil }
            return Int(number)
        }
    }

    func arm(_ request: FaultRequest) {
        let faults = request.emulator == "zendesk" ? self.zendesk.faults : self.genesys.faults
        faults.inject(request.fault, on: request.route, count: request.count)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        // Only loopback names: a rebound DNS name in a browser cannot read the calls or arm faults.
        router.add(middleware: LoopbackHostMiddleware())
        router.get("/emulators") { _, _ in
            Self.json(["zendesk": .string(self.zendesk.baseURL), "genesys": .string(self.genesys.baseURL)])
        }
        router.post("/faults") { request, _ in
            // JSON only: a browser's form post (text/plain, no preflight) from any page cannot arm faults.
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                return Self.json(["error": "the body must be application/json"], status: .unsupportedMediaType)
            }
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
            guard which == "zendesk" || which == "genesys" else {
                return Self.json(["error": "emulator must be zendesk or genesys"], status: .badRequest)
            }
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
        // Genesys opens a web messaging conversation at the customer's first message, which no API of
        // the emulator can send: load tools open one here, as the customer would.
        router.post("/messaging-conversations") { request, _ in
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                return Self.json(["error": "the body must be application/json"], status: .unsupportedMediaType)
            }
            var request = request
            let body = try await request.collectBody(upTo: 16 << 10)
            guard let value = try? JSONDecoder().decode(ContextValue.self, from: Data(body.readableBytesView)),
                let subject = value["sub"]?.stringValue, !subject.isEmpty, subject.utf8.count <= 255
            else {
                return Self.json(["error": "the body needs sub, a string of 1 to 255 bytes"], status: .badRequest)
            }
            let conversation = self.genesys.openMessagingConversation(
                subject: subject,
                name: value["name"]?.stringValue.map { String($0.prefix(255)) },
                isAuthenticated: value["authenticated"]?.boolValue ?? true,
                text: String((value["text"]?.stringValue ?? "Hello").prefix(2_000))
            )
            return Self.json(["conversationId": .string(conversation.id), "participantId": .string(conversation.participantID)], status: .created)
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

/// Refuses a request whose `Host` is not a loopback name (DNS rebinding).
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority.map { $0.split(separator: ":").first.map(String.init) ?? $0 } ?? ""
        guard ["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased()) else {
            return EmulatorControl.json(["error": "the control API answers loopback names only"], status: .forbidden)
        }
        return try await next(request, context)
    }
}
