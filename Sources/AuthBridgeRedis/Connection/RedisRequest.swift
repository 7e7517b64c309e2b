import NIOCore

/// A command on its way down the pipeline with the promise for its reply and its deadline.
struct RedisRequest: Sendable {
    let command: RedisCommand
    let promise: EventLoopPromise<RESPValue>
    let deadline: NIODeadline
}
