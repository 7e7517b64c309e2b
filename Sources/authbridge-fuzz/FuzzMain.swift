import AuthBridgeFuzzTargets
import Foundation

// `authbridge-fuzz`: the parsers of outside input as libFuzzer targets (built with
// `-sanitize=fuzzer,address -DFUZZING`, target chosen by AUTHBRIDGE_FUZZ_TARGET), and, built normally, a
// runner that reads corpus files through the same target (`authbridge-fuzz TARGET FILE|DIR...`).
// Documentation/Reliability.md has the commands.

#if FUZZING
/// The target chosen by `AUTHBRIDGE_FUZZ_TARGET`, read once; libFuzzer calls in from C.
private let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["AUTHBRIDGE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("set AUTHBRIDGE_FUZZ_TARGET to one of: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    selected.run(UnsafeRawBufferPointer(start: data, count: count))
    return 0
}
#else
@main
struct FuzzMain {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTargets.named(name) else {
            print("usage: authbridge-fuzz TARGET FILE|DIRECTORY...\ntargets:")
            for target in FuzzTargets.all { print("  \(target.name): \(target.summary)") }
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            for file in Self.files(at: path) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                bytes.withUnsafeBytes(target.run)
                count += 1
            }
        }
        print("\(target.name): \(count) inputs read, no trap")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif
