/// Unhandled-rejection tracking as Node does it: a rejection with no handler
/// is remembered; at the end of the checkpoint still-unhandled ones are
/// reported (`unhandledRejection`); a handler added after the report is
/// announced at the next checkpoint (`rejectionHandled`).
extension Host {
    func trackRejection(_ promise: PromiseRef<Strategy>, captured: Strategy.Captured?) {
        maybeUnhandled[promise] = PendingRejection(context: strategy.rejectionContext(promise: captured))
        pendingUnhandled.append(promise)
    }

    func rejectionHandled(_ promise: PromiseRef<Strategy>) {
        guard let info = maybeUnhandled.removeValue(forKey: promise) else { return }
        if info.warned { asyncHandled.append(promise) }
    }

    /// Returns whether it may have scheduled more ticks or microtasks.
    func processRejections() -> Bool {
        if pendingUnhandled.isEmpty && asyncHandled.isEmpty { return false }
        var scheduled = !asyncHandled.isEmpty
        while let promise = asyncHandled.popFirst() {
            // `process.emit`: listeners in order; a throw skips the rest.
            do { for listener in rejectionHandledListeners { try listener(handle(promise)) } } catch { reportUncaught(error) }
        }
        var count = pendingUnhandled.count
        while count > 0, let promise = pendingUnhandled.popFirst() {
            count -= 1
            let key = promise
            guard let info = maybeUnhandled[key] else { continue }
            maybeUnhandled[key]?.warned = true
            guard case .rejected(let reason) = promise.pointee.state else { continue }
            let saved = strategy.enter(info.context, .promise)
            if !unhandledRejectionListeners.isEmpty {
                do { for listener in unhandledRejectionListeners { try listener(reason, handle(promise)) } } catch { reportUncaught(error) }
            } else {
                // Node's default mode ('throw'): an uncaught exception, whose
                // handler (if any) gets the reason, or a wrapper for a non-error.
                reportUncaught(JSException(Self.unhandledRejectionError(reason)))
            }
            strategy.leave(saved, info.context, .promise)
            scheduled = true
        }
        return scheduled || !pendingUnhandled.isEmpty
    }

    /// What Node's 'throw' mode raises: the reason itself if it is an error,
    /// otherwise an `UnhandledPromiseRejection` error describing it.
    static func unhandledRejectionError(_ reason: JSValue) -> JSValue {
        if case .object(let o) = reason, o is JSErrorObject { return reason }
        return .object(JSErrorObject(name: "UnhandledPromiseRejection",
            "This error originated either by throwing inside of an async function without a catch block, "
            + "or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"\(reason)\"."))
    }

    /// Rejected promises that still have no handler.
    public var unhandledRejectionCount: Int { maybeUnhandled.count }
}
