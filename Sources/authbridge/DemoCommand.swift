import ArgumentParser

/// `authbridge demo`: every flow end to end on the embedded emulators, then three failures explained.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run every flow end to end on embedded Zendesk and Genesys emulators (no network, no configuration)."
    )

    @Flag(name: .long, help: "Print one JSON object per step instead of text.")
    var json = false

    func run() async throws {
        let printer = DemoPrinter(json: self.json)
        let passed = try await DemoRun(printer: printer).run()
        if !passed { throw ExitCode(1) }
    }
}
