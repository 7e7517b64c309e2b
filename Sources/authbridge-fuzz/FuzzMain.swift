import AuthBridgeFuzzTargets
import Foundation

// `authbridge-fuzz`: the parsers of outside input as libFuzzer targets (built with
// address sanitizer, coverage and -DFUZZING by `Fuzz/run.sh`, target chosen by AUTHBRIDGE_FUZZ_TARGET), and, built normally, a
// runner that reads corpus files through the same target (`authbridge-fuzz TARGET FILE|DIR...`).
// Documentation/Reliability.md has the commands.

#if FUZZING
/// libFuzzer's driver (from `libclang_rt.fuzzer_no_main`): SwiftPM gives every executable a `main` of its
/// own, so libFuzzer's cannot be linked; this one hands the arguments to libFuzzer instead.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target chosen by `AUTHBRIDGE_FUZZ_TARGET`: written once before the driver starts, then only read
/// by libFuzzer, which calls back on its one thread; so no access is ever concurrent.
nonisolated(unsafe) private var selected: FuzzTarget?

@main
struct FuzzMain {
    static func main() {
        let name = ProcessInfo.processInfo.environment["AUTHBRIDGE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.named(name) else {
            FileHandle.standardError.write(
                Data("set AUTHBRIDGE_FUZZ_TARGET to one of: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        selected = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            llvmFuzzerRunDriver(&argc, &argv) { data, count in
                selected?.run(UnsafeRawBufferPointer(start: data, count: count))
                return 0
            })
    }
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
