// The only place the callgrind client-request macros are expanded. They are
// inline assembly sequences that valgrind recognises; run natively they are a
// few no-op instructions and return 0.
#include "CCallgrind.h"

#if defined(__has_include)
#  if __has_include(<valgrind/callgrind.h>)
#    include <valgrind/callgrind.h>
#    define ACB_HAVE_CALLGRIND 1
#  endif
#endif

#ifdef ACB_HAVE_CALLGRIND
int acb_callgrind_compiled_in(void) { return 1; }
int acb_running_on_valgrind(void) { return (int)RUNNING_ON_VALGRIND; }
void acb_callgrind_start_instrumentation(void) { CALLGRIND_START_INSTRUMENTATION; }
void acb_callgrind_stop_instrumentation(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void acb_callgrind_toggle_collect(void) { CALLGRIND_TOGGLE_COLLECT; }
void acb_callgrind_zero_stats(void) { CALLGRIND_ZERO_STATS; }
void acb_callgrind_dump_stats_at(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
#else
int acb_callgrind_compiled_in(void) { return 0; }
int acb_running_on_valgrind(void) { return 0; }
void acb_callgrind_start_instrumentation(void) {}
void acb_callgrind_stop_instrumentation(void) {}
void acb_callgrind_toggle_collect(void) {}
void acb_callgrind_zero_stats(void) {}
void acb_callgrind_dump_stats_at(const char *label) { (void)label; }
#endif
