// One import gives a user the whole bridge: the session types, the validators, the Genesys client and
// the OpenID provider they configure it with.
@_exported public import AuthBridgeCore
@_exported public import AuthBridgeGenesys
@_exported public import AuthBridgeJWT
@_exported public import AuthBridgeOIDC
@_exported public import AuthBridgeZendesk
