import NIOCore

/// A command on its way down the pipeline with the promise for its reply and its deadline.
struct RedisRequest: Sendable {
    let command: RedisCommand
    /// Whether `ASKING` goes first, in the same write: a Redis Cluster `ASK` redirection holds for the
    /// connection's next command only, so no other command may come between them.
    var asking = false
    let promise: EventLoopPromise<RESPValue>
    let deadline: NIODeadline
}
