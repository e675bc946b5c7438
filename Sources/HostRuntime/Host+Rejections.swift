/// Unhandled-rejection tracking as Node does it: a rejection with no handler
/// is remembered; at the end of the checkpoint still-unhandled ones are
/// reported (`unhandledRejection`); a handler added after the report is
/// announced at the next checkpoint (`rejectionHandled`).
extension Host {
    func trackRejection(_ promise: JSPromise<Strategy>) {
        maybeUnhandled[ObjectIdentifier(promise)] = PendingRejection(
            promise: promise, context: strategy.rejectionContext(promise: promise.captured))
        pendingUnhandled.append(promise)
    }

    func rejectionHandled(_ promise: JSPromise<Strategy>) {
        guard let info = maybeUnhandled.removeValue(forKey: ObjectIdentifier(promise)) else { return }
        if info.warned { asyncHandled.append(promise) }
    }

    /// Returns whether it may have scheduled more ticks or microtasks.
    func processRejections() -> Bool {
        if pendingUnhandled.isEmpty && asyncHandled.isEmpty { return false }
        var scheduled = !asyncHandled.isEmpty
        while let promise = asyncHandled.popFirst() {
            do { try onRejectionHandled?(promise) } catch { reportUncaught(error) }
        }
        var count = pendingUnhandled.count
        while count > 0, let promise = pendingUnhandled.popFirst() {
            count -= 1
            let key = ObjectIdentifier(promise)
            guard let info = maybeUnhandled[key] else { continue }
            maybeUnhandled[key]?.warned = true
            guard case .rejected(let reason) = promise.state else { continue }
            let saved = strategy.enter(info.context, .promise)
            if let handler = onUnhandledRejection {
                do { try handler(reason, promise) } catch { reportUncaught(error) }
            } else {
                uncaughtExceptions.append(reason)  // Node's default mode ('throw')
            }
            strategy.leave(saved, info.context, .promise)
            scheduled = true
        }
        return scheduled || !pendingUnhandled.isEmpty
    }

    /// Rejected promises that still have no handler.
    public var unhandledRejectionCount: Int { maybeUnhandled.count }
}
