// Pinning the calling thread to one CPU (issue 11: a measuring thread the
// scheduler moves between cores pays cold caches and a different core's clock
// each time, one source of run-to-run spread). CPU_SET and friends are macros
// Swift cannot import, hence C.
#ifndef ACB_CAFFINITY_H
#define ACB_CAFFINITY_H

/// Pins the calling thread to the highest-numbered CPU it may run on (CPU 0
/// takes most device interrupts), when it may run on more than one, and
/// remembers the set it was allowed before (for
/// `acb_unpin_current_thread`). Returns that CPU, or -1 when it was not
/// pinned (a single allowed CPU, or no sched_setaffinity on this system).
int acb_pin_current_thread_to_one_cpu(void);

/// Gives the calling thread back the CPU set it had before the first
/// `acb_pin_current_thread_to_one_cpu` (no-op when never pinned). A child
/// process inherits the affinity of the thread that spawns it, so a pinned
/// thread must unpin around a spawn or every child (e.g. the parallel
/// callgrind passes) runs on the one measuring core. Returns 0 on success.
int acb_unpin_current_thread(void);

#endif
