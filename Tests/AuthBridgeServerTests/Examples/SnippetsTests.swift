import Foundation
import Testing

/// The README's and the DocC articles' Swift examples are compiled: every line of each example is a line
/// of a file in `Snippets/`, which `swift build` compiles against the current API. A stale example
/// (a renamed type, a changed initializer) fails the build or this test.
@Suite struct SnippetsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Documents whose examples must all be snippets; Swift sources contribute their `///` examples.
    static let compiled = [
        "README.md",
        "Sources/AuthBridgeServer/Documentation.docc/index.md",
        "Sources/AuthBridgeServer/Documentation.docc/Tracing.md",
        "Sources/AuthBridgeRedis/Documentation.docc/index.md",
        "Sources/AuthBridgeCore/Documentation.docc/index.md",
        "Sources/AuthBridgeCore/Broker/TokenBroker.swift",
        "Sources/AuthBridgeRedis/Stores/RedisTokenCache.swift",
        "Sources/AuthBridgeServer/Application/AuthBridgeApplication.swift",
        "Sources/AuthBridge/Documentation.docc/WhyDidItAnswer401.md",
        "Sources/AuthBridgeCore/Documentation.docc/HandlingSecrets.md",
        "Sources/AuthBridgeGenesys/Documentation.docc/index.md",
        "Sources/AuthBridgeJWT/Documentation.docc/SigningAndVerifying.md",
        "Sources/AuthBridgeJWT/Documentation.docc/index.md",
        "Sources/AuthBridgeOIDC/Documentation.docc/AuthenticatedMessenger.md",
        "Sources/AuthBridgeOIDC/Documentation.docc/index.md",
        "Sources/AuthBridgeTesting/Documentation.docc/index.md",
        "Sources/AuthBridgeZendesk/Documentation.docc/ValidatingZendeskSessions.md",
    ]

    /// Articles whose examples are not snippets yet: none left; a new one goes in `compiled`.
    static let pending: Set<String> = []

    /// A line as compared: trimmed, runs of spaces as one (the formatter aligns comments in snippets).
    static func normalized(_ line: String) -> String {
        line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The ```swift blocks of a document (of its `///` comments for a Swift file), as trimmed lines.
    static func examples(in path: String) throws -> [[String]] {
        var lines = try Self.text(path).components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if path.hasSuffix(".swift") {
            lines = lines.filter { $0.hasPrefix("///") }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        }
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.filter { !$0.isEmpty })
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func everyCompiledExampleIsASnippet() throws {
        let directory = Self.root.appendingPathComponent("Snippets")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 5)
        var snippetLines: Set<String> = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.components(separatedBy: "\n") { snippetLines.insert(Self.normalized(line)) }
        }
        var checked = 0
        for path in Self.compiled {
            for block in try Self.examples(in: path) {
                for line in block {
                    let compiled = snippetLines.contains(Self.normalized(line))
                    #expect(compiled, "\(path): `\(line)` is in no file of Snippets/")
                    checked += 1
                }
            }
        }
        #expect(checked > 40)
    }

    /// A new article with Swift examples is either compiled or listed as pending, never forgotten.
    @Test func everyArticleWithExamplesIsAccountedFor() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let relative as String in enumerator where relative.hasSuffix(".md") {
            let path = "Sources/" + relative
            guard try !Self.examples(in: path).isEmpty else { continue }
            #expect(Self.compiled.contains(path) || Self.pending.contains(path), "\(path) has Swift examples that are not snippets")
        }
    }
}
