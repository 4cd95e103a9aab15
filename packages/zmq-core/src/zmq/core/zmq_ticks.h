// SPDX-License-Identifier: LGPL-3.0-or-later
/* A cheap clock for the send path: how long since a socket's last send.
 *
 * zmqpy_ticks() reads the CPU's time-stamp counter where there is one
 * (x86: rdtsc, which libzmq itself reads on every send; arm64: the virtual
 * counter), else CLOCK_MONOTONIC in nanoseconds. ZMQPY_TICKS_PER_US is a
 * rough lower bound of the ticks in a microsecond: the counter's rate varies
 * between machines, and the send path only needs "a few microseconds" versus
 * "tens of microseconds or more". */
#ifndef ZMQPY_TICKS_H
#define ZMQPY_TICKS_H

#include <stdint.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t zmqpy_ticks(void) { return (uint64_t)__rdtsc(); }
#define ZMQPY_TICKS_PER_US 1000   /* time-stamp counters run at 1 GHz or more */
#elif defined(__aarch64__)
static inline uint64_t zmqpy_ticks(void) {
    uint64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
}
#define ZMQPY_TICKS_PER_US 10     /* the generic timer runs at 10 MHz or more */
#else
static inline uint64_t zmqpy_ticks(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}
#define ZMQPY_TICKS_PER_US 1000
#endif

#endif
