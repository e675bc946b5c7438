// Pinning the calling thread to one CPU (issue 11: a measuring thread the
// scheduler moves between cores pays cold caches and a different core's clock
// each time, one source of run-to-run spread). CPU_SET and friends are macros
// Swift cannot import, hence C.
#ifndef ACB_CAFFINITY_H
#define ACB_CAFFINITY_H

/// Pins the calling thread to the highest-numbered CPU it may run on (CPU 0
/// takes most device interrupts), when it may run on more than one.
/// Returns that CPU, or -1 when it was not pinned (a single allowed CPU, or
/// no sched_setaffinity on this system).
int acb_pin_current_thread_to_one_cpu(void);

#endif
