import ArgumentParser

/// `authbridge demo`: every flow end to end on the embedded emulators, then three failures explained.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run every flow end to end on embedded Zendesk and Genesys emulators (no network, no configuration)."
    )

    @Flag(name: .long, help: "Print one JSON object per step instead of text.")
    var json = false

    @Flag(name: .long, help: "Print every log line AuthBridge wrote (trace level) at the end: what an operator would see.")
    var logs = false

    func run() async throws {
        let printer = DemoPrinter(json: self.json)
        let passed = try await DemoRun(printer: printer, showLogs: self.logs).run()
        if !passed { throw ExitCode(1) }
    }
}
