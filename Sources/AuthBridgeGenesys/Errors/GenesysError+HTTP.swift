internal import AuthBridgeCore
internal import AuthBridgeJWT
internal import NIOHTTP1

extension GenesysError {
    /// Maps a non-2xx response to a typed error, keeping Genesys's `code`, `contextId` and
    /// `inin-correlation-id`.
    static func from(_ response: GenesysResponse, isTokenEndpoint: Bool) -> GenesysError {
        let body = try? JSONValue(parsing: String(decoding: response.body, as: UTF8.self)).objectValue
        // Platform ErrorBody: code/message/contextId; the OAuth endpoint may answer error/error_description.
        let genesysCode = body?["code"]?.stringValue ?? body?["error"]?.stringValue
        let message = body?["message"]?.stringValue ?? body?["error_description"]?.stringValue
        let contextID = body?["contextId"]?.stringValue
        let retryAfter = Self.retryAfter(response.headers)
        let status = response.status
        let code: Code
        let kind: FailureKind
        var reason: String
        switch status {
        case 400 where isTokenEndpoint, 401 where isTokenEndpoint:
            (code, kind, reason) = (.invalidClient, .permanent, "Genesys refused the OAuth client credentials")
        case 400 where !isTokenEndpoint, 422:
            (code, kind, reason) = (.badRequest, .permanent, "Genesys refused the request")
        case 401:
            (code, kind, reason) = (
                .unauthorized, .permanent,
                "Genesys refused the access token (expired, revoked, or issued by another region's login host)"
            )
        case 403:
            (code, kind, reason) = (.forbidden, .permanent, "the OAuth client lacks a role or permission for this call")
        case 404 where GenesysRetiredAPI.isEntryPoint(operation: response.operation),
            410 where GenesysRetiredAPI.contains(operation: response.operation):
            (code, kind, reason) = (.retiredAPI, .permanent, GenesysRetiredAPI.reason)
        case 404:
            (code, kind, reason) = (.notFound, .permanent, "Genesys has no such resource")
        case 408:
            (code, kind, reason) = (.transport, .transient, "Genesys timed out the request")
        case 409:
            (code, kind, reason) = (.conflict, .permanent, "the request conflicts with the resource's state")
        case 429:
            (code, kind, reason) = (.rateLimited, .transient, "Genesys rate-limited the request")
        case 500...599:
            (code, kind, reason) = (.serverError, .transient, "Genesys failed")
        default:
            (code, kind, reason) = (.unexpectedStatus, .permanent, "Genesys answered an unexpected status")
        }
        if let message, !message.isEmpty { reason += ": " + capped(message, limit: 160) }
        return GenesysError(
            code,
            kind: kind,
            reason: reason,
            operation: response.operation,
            status: status,
            genesysCode: genesysCode,
            contextID: contextID,
            correlationID: response.correlationID,
            retryAfter: retryAfter,
            serverDate: response.headers.first(name: "date")
        )
    }

    /// `Retry-After` in delta-seconds; the HTTP-date form is ignored (Genesys sends seconds).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        RetryAfterHeader.duration(headers.first(name: "retry-after"))
    }

    static func transport(_ reason: String, operation: String) -> GenesysError {
        GenesysError(.transport, kind: .transient, reason: reason, operation: operation)
    }
}

extension GenesysError {
    /// The broker could not provide a token; keeps its kind and retry-after so callers can decide.
    static func tokenUnavailable(_ error: any Error, operation: String) -> GenesysError {
        if let genesys = error as? GenesysError { return genesys }
        let classified = error as? any TokenProviderError
        if let bridge = error as? AuthBridgeError, let genesys = bridge.underlying as? GenesysError {
            return GenesysError(
                genesys.code,
                kind: genesys.kind,
                reason: "no service token: " + genesys.reason,
                operation: operation,
                status: genesys.status,
                genesysCode: genesys.genesysCode,
                contextID: genesys.contextID,
                correlationID: genesys.correlationID,
                retryAfter: bridge.retryAfter ?? genesys.retryAfter,
                underlyingDescription: bridge.description,
                serverDate: genesys.serverDate
            )
        }
        return GenesysError(
            .tokenUnavailable,
            kind: classified?.failureKind ?? .transient,
            reason: "the token broker could not provide a service token",
            operation: operation,
            retryAfter: classified?.retryAfter,
            underlyingDescription: classified?.safeDescription ?? String(describing: type(of: error))
        )
    }
}
