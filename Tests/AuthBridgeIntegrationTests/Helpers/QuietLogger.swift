import Logging

/// A logger that drops everything, for replicas whose logs the test does not read.
let quietLogger = Logger(label: "authbridge.integration.tests") { _ in SwiftLogNoOpLogHandler() }
