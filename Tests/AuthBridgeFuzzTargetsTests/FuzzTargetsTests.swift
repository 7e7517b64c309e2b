import AuthBridgeFuzzTargets
import Foundation
import Testing

/// Every committed fuzz input, the seed corpora and the inputs that once crashed a parser, read through
/// its target on every test run: a parser that traps on any of them fails here, without a fuzzer.
@Suite struct FuzzTargetsTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func files(_ folder: String, _ target: String) -> [URL] {
        let directory = Self.fuzz.appendingPathComponent(folder).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func everyCommittedInputIsReadWithoutATrap(target name: String) async throws {
        let target = try #require(FuzzTargets.named(name))
        let corpus = Self.files("Corpus", name)
        #expect(corpus.count >= 3, "Fuzz/Corpus/\(name) needs seeds (python3 Fuzz/make-corpus.py)")
        let inputs = try (corpus + Self.files("Regressions", name)).map { try Data(contentsOf: $0) }
        // On a Dispatch thread, as libFuzzer calls: a target may block its thread (the configuration's
        // async loader), which must never be one of Swift's cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                for input in inputs { input.withUnsafeBytes(target.run) }
                continuation.resume()
            }
        }
    }

    /// Each corpus folder belongs to a target: a renamed target must not leave its seeds unread.
    @Test func everyCorpusFolderIsATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fuzz.appendingPathComponent("Corpus").path)
        #expect(Set(folders) == Set(FuzzTargets.all.map(\.name)))
    }
}
