// SPDX-License-Identifier: LGPL-3.0-or-later
// The workloads of workloads.py written against libzmq's C API, for the
// "libzmq (C)" column of python -m zmq.perf. Same sockets, options, message
// sizes and single-thread batches.
//
//     cbench WORKLOAD TRANSPORT COUNT SIZE REPEAT   → {"value": ..., "unit": ...}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define PARTS 4

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void check(int rc, const char *what) {
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", what, zmq_strerror(zmq_errno()));
        exit(1);
    }
}

static void pair(void *ctx, int bind_type, int connect_type, const char *transport,
                 void **bound, void **connected) {
    int zero = 0;
    char endpoint[256];
    size_t len = sizeof endpoint;
    *bound = zmq_socket(ctx, bind_type);
    *connected = zmq_socket(ctx, connect_type);
    void *socks[2] = {*bound, *connected};
    for (int i = 0; i < 2; i++) {
        check(zmq_setsockopt(socks[i], ZMQ_LINGER, &zero, sizeof zero), "linger");
        check(zmq_setsockopt(socks[i], ZMQ_SNDHWM, &zero, sizeof zero), "sndhwm");
        check(zmq_setsockopt(socks[i], ZMQ_RCVHWM, &zero, sizeof zero), "rcvhwm");
    }
    if (strcmp(transport, "inproc") == 0) {
        check(zmq_bind(*bound, "inproc://zmq-perf"), "bind");
        check(zmq_connect(*connected, "inproc://zmq-perf"), "connect");
    } else {
        check(zmq_bind(*bound, "tcp://127.0.0.1:*"), "bind");
        check(zmq_getsockopt(*bound, ZMQ_LAST_ENDPOINT, endpoint, &len), "endpoint");
        check(zmq_connect(*connected, endpoint), "connect");
    }
}

// One copied frame in, one frame out, as the Python bindings do with copy=True.
static void recv_one(void *sock) {
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    check(zmq_msg_recv(&msg, sock, 0), "recv");
    zmq_msg_close(&msg);
}

static double push_pull(void *ctx, const char *transport, long count, size_t size, int parts) {
    void *pull, *push;
    char *buf = calloc(1, size ? size : 1);
    pair(ctx, ZMQ_PULL, ZMQ_PUSH, transport, &pull, &push);
    for (int round = 0; round < 2; round++) {  // round 0 warms the connection up
        long n = round ? count : 1;
        double start = now();
        for (long i = 0; i < n; i++)
            for (int p = 0; p < parts; p++)
                check(zmq_send(push, buf, size, p + 1 < parts ? ZMQ_SNDMORE : 0), "send");
        for (long i = 0; i < n; i++)
            for (int p = 0; p < parts; p++)
                recv_one(pull);
        if (round) {
            double elapsed = now() - start;
            zmq_close(pull);
            zmq_close(push);
            free(buf);
            return count / elapsed;
        }
    }
    return 0;
}

static double req_rep(void *ctx, const char *transport, long count, size_t size) {
    void *rep, *req;
    char *buf = calloc(1, size ? size : 1);
    zmq_msg_t msg;
    pair(ctx, ZMQ_REP, ZMQ_REQ, transport, &rep, &req);
    double start = 0;
    for (long i = -1; i < count; i++) {  // i == -1 warms the connection up
        if (i == 0) start = now();
        check(zmq_send(req, buf, size, 0), "send");
        zmq_msg_init(&msg);
        check(zmq_msg_recv(&msg, rep, 0), "recv");
        check(zmq_msg_send(&msg, rep, 0), "send");
        recv_one(req);
    }
    double elapsed = now() - start;
    zmq_close(rep);
    zmq_close(req);
    free(buf);
    return elapsed / count * 1e6;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: cbench WORKLOAD TRANSPORT COUNT SIZE REPEAT\n");
        return 2;
    }
    const char *workload = argv[1], *transport = argv[2];
    long count = atol(argv[3]);
    size_t size = (size_t)atol(argv[4]);
    int repeat = atoi(argv[5]);
    int latency = strcmp(workload, "req_rep") == 0;
    double best = 0;
    for (int r = 0; r < repeat; r++) {
        void *ctx = zmq_ctx_new();
        double value;
        if (latency)
            value = req_rep(ctx, transport, count, size);
        else if (strcmp(workload, "multipart") == 0)
            value = push_pull(ctx, transport, count, size, PARTS);
        else if (strcmp(workload, "push_pull") == 0)
            value = push_pull(ctx, transport, count, size, 1);
        else {
            fprintf(stderr, "unknown workload %s\n", workload);
            return 2;
        }
        zmq_ctx_term(ctx);
        if (r == 0 || (latency ? value < best : value > best)) best = value;
    }
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    printf("{\"value\": %f, \"unit\": \"%s\", \"binding\": \"libzmq %d.%d.%d (C)\"}\n",
           best, latency ? "us" : "msg/s", major, minor, patch);
    return 0;
}
