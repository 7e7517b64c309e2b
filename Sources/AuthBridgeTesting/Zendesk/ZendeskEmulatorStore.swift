import Synchronization

/// The emulator's state and base URL, shared by the emulator object and its route handlers.
final class ZendeskEmulatorStore: Sendable {
    let state = Mutex(ZendeskEmulatorState())
    /// Known once the server listens; used for `url` and `links` fields.
    let baseURL = Mutex("")
}
