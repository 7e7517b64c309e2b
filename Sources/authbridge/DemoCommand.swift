import ArgumentParser

/// `authbridge demo`: the Messenger flows end to end on the embedded emulators (with `--legacy-web-chat`,
/// also the retired web chat flows), then three failures explained.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the Messenger flows end to end on embedded Zendesk and Genesys emulators (no network, no configuration)."
    )

    @Flag(name: .long, help: "Print one JSON object per step instead of text.")
    var json = false

    @Flag(name: .long, help: "Print every log line AuthBridge wrote (trace level) at the end: what an operator would see.")
    var logs = false

    @Flag(name: .customLong("legacy-web-chat"), help: "Also run the Web Chat 1.x and guest chat flows, which Genesys retired (ACD web chat v2).")
    var legacyWebChat = false

    @Flag(
        name: .long,
        help: "Instead of running the flows, serve an example shop page with the AuthProvider plugin and an emulated Messenger until Ctrl-C."
    )
    var serve = false

    @Option(name: .long, help: "With --serve: the example page's port on 127.0.0.1 (0: any free one).")
    var port = 0

    func run() async throws {
        if self.serve {
            try await DemoServer(port: self.port, json: self.json).run()
            return
        }
        let printer = DemoPrinter(json: self.json)
        let passed = try await DemoRun(printer: printer, showLogs: self.logs, legacyWebChat: self.legacyWebChat).run()
        if !passed { throw ExitCode(1) }
    }
}
