import ArgumentParser

/// `authbridge`: run the bridge, try it on emulators, and debug what a 401 means.
@main
struct AuthBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authbridge",
        abstract: "Bridge Zendesk sessions to Genesys Cloud chat widgets.",
        subcommands: [ServeCommand.self, DoctorCommand.self, DemoCommand.self, EmulateCommand.self, JWTCommand.self, KeysCommand.self]
    )
}
