@_exported public import AuthBridge
