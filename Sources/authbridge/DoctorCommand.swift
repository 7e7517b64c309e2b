import ArgumentParser
import AuthBridge
import AuthBridgeServer
import Logging

/// `authbridge doctor --config FILE`: every step of a configuration checked against its endpoints.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a configuration against the real (or emulated) endpoints; exit 0 only when every step passes."
    )

    @Option(name: .long, help: "A JSON configuration file (the environment's AUTHBRIDGE_* variables take precedence).")
    var config: String?

    @Option(name: .long, help: "A directory with one file per secret key (genesys-client-secret, …).")
    var secretsDir: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        let configuration: AuthBridgeConfiguration
        do {
            // The server's keys too: the doctor names every wrong key `serve` would refuse.
            let reader = try await AuthBridgeConfiguration.reader(filePath: self.config, secretsDirectory: self.secretsDir)
            configuration = try AuthBridgeServerRunner.configurations(from: reader).bridge
        } catch let error as ConfigurationError {
            if self.json {
                let problems = error.problems.map { JSONValue.object(["key": .string($0.key), "reason": .string($0.reason)]) }
                print(JSONValue.object(["passed": false, "configuration": .array(problems)]).serialized)
            } else {
                print("✗ configuration\n\(error)")
            }
            throw ExitCode(1)
        }
        let application = try AuthBridgeApplication(
            configuration: configuration, logger: Logger(label: "authbridge.doctor", factory: { _ in SwiftLogNoOpLogHandler() }))
        if !self.json { print("✓ configuration: every key is valid") }
        let checks = await application.doctor()
        await application.shutdown()
        let passed = checks.allSatisfy(\.passed)
        if self.json {
            print(JSONValue.object(["passed": .bool(passed), "checks": .array(checks.map { .object($0.json) })]).serialized)
        } else {
            for check in checks {
                print("\(check.passed ? "✓" : "✗") \(check.name): \(check.passed ? check.detail : "")")
                if let diagnosis = check.diagnosis {
                    print(diagnosis.indented)
                }
            }
            print(passed ? "All checks passed." : "Some checks failed.")
        }
        if !passed { throw ExitCode(1) }
    }
}
