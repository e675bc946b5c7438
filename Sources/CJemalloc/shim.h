#ifndef ASYNC_CONTEXT_BENCH_CJEMALLOC_H
#define ASYNC_CONTEXT_BENCH_CJEMALLOC_H
#include <jemalloc/jemalloc.h>
#endif
