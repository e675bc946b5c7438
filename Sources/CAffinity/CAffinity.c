#define _GNU_SOURCE
#include "CAffinity.h"

#if defined(__linux__)
#include <sched.h>

// The set the process was allowed before it pinned anything; written once by
// the first pin (the measuring thread), read by unpin on the same thread.
static cpu_set_t original_set;
static int original_saved = 0;

int acb_pin_current_thread_to_one_cpu(void) {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    // pid 0: the calling thread (Linux affinity is per thread).
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    if (!original_saved) { original_set = allowed; original_saved = 1; }
    if (CPU_COUNT(&allowed) < 2) return -1;
    int chosen = -1;
    for (int cpu = CPU_SETSIZE - 1; cpu >= 0; cpu--) {
        if (CPU_ISSET(cpu, &allowed)) { chosen = cpu; break; }
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(chosen, &one);
    return sched_setaffinity(0, sizeof one, &one) == 0 ? chosen : -1;
}

int acb_unpin_current_thread(void) {
    if (!original_saved) return 0;
    return sched_setaffinity(0, sizeof original_set, &original_set);
}
#else
int acb_pin_current_thread_to_one_cpu(void) { return -1; }
int acb_unpin_current_thread(void) { return 0; }
#endif
