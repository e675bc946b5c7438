// Callgrind client requests as plain C functions, so Swift can call them
// (Swift imports no function-like macros). Every function does nothing
// (a handful of instructions) when the process is not running under valgrind,
// and compiles to nothing when <valgrind/callgrind.h> was not available at
// build time (`acb_callgrind_compiled_in()` then returns 0).
#ifndef ACB_CCALLGRIND_H
#define ACB_CCALLGRIND_H

/// 1 when this module was compiled against <valgrind/callgrind.h>, else 0.
int acb_callgrind_compiled_in(void);
/// RUNNING_ON_VALGRIND: 0 natively, the valgrind nesting depth otherwise.
int acb_running_on_valgrind(void);
/// CALLGRIND_START_INSTRUMENTATION (no-op if instrumentation is already on).
void acb_callgrind_start_instrumentation(void);
/// CALLGRIND_STOP_INSTRUMENTATION.
void acb_callgrind_stop_instrumentation(void);
/// CALLGRIND_TOGGLE_COLLECT.
void acb_callgrind_toggle_collect(void);
/// CALLGRIND_ZERO_STATS: the costs collected so far are discarded.
void acb_callgrind_zero_stats(void);
/// CALLGRIND_DUMP_STATS_AT(label): writes the costs since the last zero or
/// dump to the next part file (`<out-file>.<part>`), labelled, then zeroes.
void acb_callgrind_dump_stats_at(const char *label);

#endif
