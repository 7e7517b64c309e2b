internal import Hummingbird

/// The outcome of an emulator check: the value to go on with, or the error response to send.
enum GenesysEmulatorCheck<Value> {
    case success(Value)
    case failure(Response)
}
