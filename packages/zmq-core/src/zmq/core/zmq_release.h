// SPDX-License-Identifier: LGPL-3.0-or-later
// Hand-off of zero-copy buffers from libzmq's threads back to Python.
//
// libzmq calls a message's free function from whichever thread drops the
// last reference to it, often one of its I/O threads, which must not touch
// Python objects. The free function therefore only marks the node released
// and pushes it onto a lock-free stack; Python code (with the GIL) later
// takes the whole stack and drops the references the nodes hold.

#ifndef ZMQ_RELEASE_H
#define ZMQ_RELEASE_H

typedef struct zmqpy_release_node {
    struct zmqpy_release_node *next;
    void *owner;   // the Python object this node lives in (a strong reference)
    int released;  // 1 once libzmq has freed the message
} zmqpy_release_node;

static zmqpy_release_node *zmqpy_released_head = 0;

// Mark ``node`` released and push it; returns 1 if the stack was empty before.
static inline int zmqpy_push_released(zmqpy_release_node *node) {
    zmqpy_release_node *head = __atomic_load_n(&zmqpy_released_head, __ATOMIC_RELAXED);
    __atomic_store_n(&node->released, 1, __ATOMIC_RELEASE);
    do {
        node->next = head;
    } while (!__atomic_compare_exchange_n(&zmqpy_released_head, &head, node, 1,
                                          __ATOMIC_RELEASE, __ATOMIC_RELAXED));
    return head == 0;
}

// Take every released node at once (a singly linked list, or NULL).
static inline zmqpy_release_node *zmqpy_take_released(void) {
    return __atomic_exchange_n(&zmqpy_released_head, (zmqpy_release_node *)0, __ATOMIC_ACQUIRE);
}

static inline int zmqpy_any_released(void) {
    return __atomic_load_n(&zmqpy_released_head, __ATOMIC_RELAXED) != 0;
}

static inline int zmqpy_is_released(zmqpy_release_node *node) {
    return __atomic_load_n(&node->released, __ATOMIC_ACQUIRE);
}

#endif
