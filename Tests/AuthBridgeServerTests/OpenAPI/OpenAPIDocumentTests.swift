import AuthBridge
import AuthBridgeJWT
import AuthBridgeTesting
import Foundation
import Logging
import NIOHTTP1
import Testing

@testable import AuthBridgeServer
@testable import AuthBridgeTestSupport

/// The committed OpenAPI document and the routes `authbridge serve` registers agree, both ways, and the
/// server answers the document for the routes it serves at the paths it serves them.
@Suite struct OpenAPIDocumentTests {
    /// A deployment with every route: the OpenID provider, the page's routes and the data action.
    static func runner(
        issuer: String = "http://127.0.0.1:1",
        dataAction: Bool = true,
        front: AuthBridgeHTTPServer.Configuration = .init(port: 0)
    ) async throws -> (AuthBridgeServerRunner, AuthBridgeApplication, GenesysEmulator) {
        let genesys = try await GenesysEmulator.start()
        let loaded = try await DeploymentConfiguration.load(
            try DeploymentConfiguration.json(issuer: issuer, genesysBaseURL: genesys.baseURL, dataAction: dataAction))
        let logger = Logger(label: "openapi", factory: { _ in SwiftLogNoOpLogHandler() })
        let application = try AuthBridgeApplication(configuration: loaded, logger: logger)
        return (AuthBridgeServerRunner(application: application, configuration: front, logger: logger), application, genesys)
    }

    static func committed() throws -> JSONObject {
        try #require(OpenAPIDocument.committedObject())
    }

    @Test func theCommittedDocumentIsOpenAPI31AndEveryReferenceResolves() throws {
        let document = try Self.committed()
        #expect(document["openapi"] == "3.1.0")
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (name, member) in object {
                    if name == "$ref", let reference = member.stringValue { references.append(reference) } else { collect(member) }
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(.object(document))
        #expect(references.count > 40)
        for reference in references {
            #expect(reference.hasPrefix("#/components/"), "\(reference)")
            var node: JSONValue? = .object(document)
            for part in reference.dropFirst(2).split(separator: "/") { node = node?.objectValue?[String(part)] }
            #expect(node?.objectValue != nil, "\(reference) does not resolve")
        }
        // Every operation has an id, a tag and at least one documented answer.
        let paths = try #require(document["paths"]?.objectValue)
        for (path, item) in paths {
            for (method, operation) in try #require(item.objectValue) {
                #expect(operation.objectValue?["operationId"]?.stringValue != nil, "\(method) \(path)")
                #expect(operation.objectValue?["tags"]?.arrayValue?.isEmpty == false, "\(method) \(path)")
                #expect((operation.objectValue?["responses"]?.objectValue?.count ?? 0) > 0, "\(method) \(path)")
            }
        }
    }

    /// Both ways: a route the document does not name fails, and so does a documented route nobody serves.
    @Test func theRoutesServeRegistersAreExactlyTheDocumentedOperations() async throws {
        let (runner, application, genesys) = try await Self.runner()
        let routes = Set(runner.server.routes)
        let documented = Set(OpenAPIDocument.operations(of: try Self.committed()))
        #expect(routes.subtracting(documented).isEmpty, "served but not documented: \(routes.subtracting(documented))")
        #expect(documented.subtracting(routes).isEmpty, "documented but not served: \(documented.subtracting(routes))")
        #expect(routes.contains(OpenAPIDocument.Operation(method: "POST", path: "/authbridge/v1/genesys/messaging-context")))
        await application.shutdown()
        await genesys.stop()
    }

    /// Over HTTP: the answer is the committed document when every route is served at its documented path.
    @Test func theServerAnswersTheCommittedDocument() async throws {
        let (runner, application, genesys) = try await Self.runner()
        let running = try await runner.start()
        let reply = try await TestHTTP.send(.GET, "http://127.0.0.1:\(running.port)/openapi.json")
        try await running.stop()
        await application.shutdown()
        await genesys.stop()
        #expect(reply.status == 200)
        #expect(reply.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
        let served = try #require(try JSONValue(parsing: reply.body, maximumDepth: 32).objectValue)
        #expect(served == (try Self.committed()))
    }

    /// An issuer with a path moves the OpenID routes under it; a metrics listener of its own takes
    /// `/metrics` off; without a data action credential its route is not named.
    @Test func theServedDocumentFollowsTheIssuerPathAndWhatIsServed() async throws {
        let (runner, application, genesys) = try await Self.runner(
            issuer: "https://auth.example.com/chat/", dataAction: false, front: .init(port: 0, metricsPort: 0))
        let running = try await runner.start()
        let reply = try await TestHTTP.send(.GET, "http://127.0.0.1:\(running.port)/openapi.json")
        try await running.stop()
        await application.shutdown()
        await genesys.stop()
        let served = try #require(try JSONValue(parsing: reply.body, maximumDepth: 32).objectValue)
        let operations = Set(OpenAPIDocument.operations(of: served))
        #expect(operations == Set(runner.server.routes))
        #expect(operations.contains(.init(method: "POST", path: "/chat/oidc/token")))
        #expect(operations.contains(.init(method: "GET", path: "/chat/.well-known/openid-configuration")))
        #expect(!operations.contains(.init(method: "POST", path: "/oidc/token")))
        #expect(!operations.contains { $0.path == "/metrics" })
        #expect(!operations.contains { $0.path.hasSuffix("/messaging-context") })
        #expect(operations.contains(.init(method: "POST", path: "/authbridge/v1/session")))
    }

    @Test func theDocumentCanBeTurnedOff() async throws {
        let (runner, application, genesys) = try await Self.runner(front: .init(port: 0, servesOpenAPIDocument: false))
        let running = try await runner.start()
        let reply = try await TestHTTP.send(.GET, "http://127.0.0.1:\(running.port)/openapi.json")
        try await running.stop()
        await application.shutdown()
        await genesys.stop()
        #expect(reply.status == 404)
        #expect(!runner.server.routes.contains { $0.path == "/openapi.json" })
    }
}
