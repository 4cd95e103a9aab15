// SPDX-License-Identifier: LGPL-3.0-or-later
// The workloads of workloads.py written against libzmq's C API, for the
// "C" column of python -m zmq.perf: same sockets, options, sizes and modes.
//
//   cbench thr  TRANSPORT SIZE COPY MODE COUNT REPEAT PARTS
//   cbench lat  TRANSPORT SIZE 1    MODE COUNT REPEAT 1
//   cbench poll tcp       0    1    single COUNT REPEAT 1
//
// COPY 1: frames are copied in and out (zmq_send, zmq_recv into a buffer),
// as a Python binding does with copy=True; COPY 0: zero-copy (zmq_msg_init_data
// on send, the received zmq_msg_t kept as is).
// MODE: single (one thread, batches), thread (receiver/echo in a pthread),
// process (receiver/echo in a forked child). Prints one JSON object.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define BATCH_BYTES (64L * 1024 * 1024)

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

typedef struct {
    const char *transport;
    size_t size;
    int copy, parts;
    long count;
    char endpoint[256];
    char *buffer;      // payload (send) and landing area (copying receive)
    double elapsed;
} bench_t;

static void tune(void *sock) {
    int zero = 0;
    check(zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof zero), "linger");
    check(zmq_setsockopt(sock, ZMQ_SNDHWM, &zero, sizeof zero), "sndhwm");
    check(zmq_setsockopt(sock, ZMQ_RCVHWM, &zero, sizeof zero), "rcvhwm");
}

static void *bind_socket(void *ctx, int type, bench_t *b) {
    void *sock = zmq_socket(ctx, type);
    size_t len = sizeof b->endpoint;
    char endpoint[256];
    tune(sock);
    if (strcmp(b->transport, "inproc") == 0)
        snprintf(endpoint, sizeof endpoint, "inproc://zmq-perf");
    else if (strcmp(b->transport, "ipc") == 0)
        snprintf(endpoint, sizeof endpoint, "ipc:///tmp/zmq-perf-c-%d", (int)getpid());
    else
        snprintf(endpoint, sizeof endpoint, "tcp://127.0.0.1:*");
    check(zmq_bind(sock, endpoint), "bind");
    check(zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, b->endpoint, &len), "endpoint");
    return sock;
}

static void *connect_socket(void *ctx, int type, bench_t *b) {
    void *sock = zmq_socket(ctx, type);
    tune(sock);
    check(zmq_connect(sock, b->endpoint), "connect");
    return sock;
}

static void no_free(void *data, void *hint) { (void)data; (void)hint; }

static void send_message(void *sock, bench_t *b) {
    for (int p = 0; p < b->parts; p++) {
        int flags = p + 1 < b->parts ? ZMQ_SNDMORE : 0;
        if (b->copy) {
            check(zmq_send(sock, b->buffer, b->size, flags), "send");
        } else {
            zmq_msg_t msg;
            zmq_msg_init_data(&msg, b->buffer, b->size, no_free, NULL);
            check(zmq_msg_send(&msg, sock, flags), "send");
        }
    }
}

static void recv_message(void *sock, bench_t *b) {
    int more = 1;
    while (more) {
        zmq_msg_t msg;
        zmq_msg_init(&msg);
        check(zmq_msg_recv(&msg, sock, 0), "recv");
        if (b->copy) memcpy(b->buffer, zmq_msg_data(&msg), zmq_msg_size(&msg));
        more = zmq_msg_more(&msg);
        zmq_msg_close(&msg);
    }
}

// receive count messages; seconds from the first to the last
static double receive_all(void *pull, bench_t *b) {
    recv_message(pull, b);
    double start = now();
    for (long i = 1; i < b->count; i++) recv_message(pull, b);
    return now() - start;
}

typedef struct { void *sock; bench_t *bench; } receiver_args;

static void *receiver_thread(void *arg) {
    receiver_args *r = arg;
    r->bench->elapsed = receive_all(r->sock, r->bench);
    return NULL;
}

static double throughput(bench_t *b, const char *mode) {
    void *ctx = zmq_ctx_new();
    void *push = bind_socket(ctx, ZMQ_PUSH, b);
    double rate;
    if (strcmp(mode, "single") == 0) {
        void *pull = connect_socket(ctx, ZMQ_PULL, b);
        long batch = BATCH_BYTES / (long)((b->size ? b->size : 1) * b->parts);
        if (batch < 1) batch = 1;
        send_message(push, b);
        recv_message(pull, b);
        double start = now();
        for (long done = 0; done < b->count;) {
            long n = b->count - done < batch ? b->count - done : batch;
            for (long i = 0; i < n; i++) send_message(push, b);
            for (long i = 0; i < n; i++) recv_message(pull, b);
            done += n;
        }
        rate = b->count / (now() - start);
        zmq_close(pull);
    } else if (strcmp(mode, "thread") == 0) {
        pthread_t thread;
        receiver_args args = {connect_socket(ctx, ZMQ_PULL, b), b};
        char *landing = malloc(b->size ? b->size : 1);
        bench_t receiver_bench = *b;  // its own landing buffer
        receiver_bench.buffer = landing;
        args.bench = &receiver_bench;
        pthread_create(&thread, NULL, receiver_thread, &args);
        for (long i = 0; i < b->count; i++) send_message(push, b);
        pthread_join(thread, NULL);
        rate = (b->count - 1) / receiver_bench.elapsed;
        zmq_close(args.sock);
        free(landing);
    } else {
        int fds[2];
        if (pipe(fds) < 0) exit(1);
        pid_t child = fork();
        if (child == 0) {
            void *child_ctx = zmq_ctx_new();
            void *pull = connect_socket(child_ctx, ZMQ_PULL, b);
            double elapsed = receive_all(pull, b);
            if (write(fds[1], &elapsed, sizeof elapsed) != sizeof elapsed) _exit(1);
            zmq_close(pull);
            zmq_ctx_term(child_ctx);
            _exit(0);
        }
        for (long i = 0; i < b->count; i++) send_message(push, b);
        double elapsed;
        if (read(fds[0], &elapsed, sizeof elapsed) != sizeof elapsed) exit(1);
        waitpid(child, NULL, 0);
        rate = (b->count - 1) / elapsed;
    }
    zmq_close(push);
    zmq_ctx_term(ctx);
    return rate;
}

static void echo(void *rep, long count) {
    for (long i = 0; i < count; i++) {
        zmq_msg_t msg;
        zmq_msg_init(&msg);
        check(zmq_msg_recv(&msg, rep, 0), "recv");
        check(zmq_msg_send(&msg, rep, 0), "send");
    }
}

typedef struct { void *sock; long count; } echo_args;

static void *echo_thread(void *arg) {
    echo_args *e = arg;
    echo(e->sock, e->count);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void latency(bench_t *b, const char *mode, double *median, double *p99) {
    void *ctx = zmq_ctx_new();
    void *req = bind_socket(ctx, ZMQ_REQ, b);
    void *rep = NULL;
    double *samples = malloc(sizeof(double) * b->count);
    pthread_t thread;
    echo_args args;
    pid_t child = 0;
    int single = strcmp(mode, "single") == 0;
    if (single || strcmp(mode, "thread") == 0) rep = connect_socket(ctx, ZMQ_REP, b);
    if (strcmp(mode, "thread") == 0) {
        args.sock = rep;
        args.count = b->count + 1;
        pthread_create(&thread, NULL, echo_thread, &args);
    } else if (!single) {
        child = fork();
        if (child == 0) {
            void *child_ctx = zmq_ctx_new();
            void *child_rep = connect_socket(child_ctx, ZMQ_REP, b);
            echo(child_rep, b->count + 1);
            zmq_close(child_rep);
            zmq_ctx_term(child_ctx);
            _exit(0);
        }
    }
    for (long i = -1; i < b->count; i++) {  // i == -1 warms the connection up
        double start = now();
        check(zmq_send(req, b->buffer, b->size, 0), "send");
        if (single) echo(rep, 1);
        recv_message(req, b);
        if (i >= 0) samples[i] = now() - start;
    }
    if (strcmp(mode, "thread") == 0) pthread_join(thread, NULL);
    if (child) waitpid(child, NULL, 0);
    qsort(samples, b->count, sizeof(double), by_value);
    *median = samples[b->count / 2] * 1e6;
    long at = b->count * 99 / 100;
    *p99 = samples[at < b->count ? at : b->count - 1] * 1e6;
    free(samples);
    if (rep) zmq_close(rep);
    zmq_close(req);
    zmq_ctx_term(ctx);
}

static double poll_idle(bench_t *b) {
    void *ctx = zmq_ctx_new();
    zmq_pollitem_t items[10];
    for (int i = 0; i < 10; i++) {
        items[i].socket = bind_socket(ctx, ZMQ_PULL, b);
        items[i].fd = 0;
        items[i].events = ZMQ_POLLIN;
    }
    zmq_poll(items, 10, 0);
    double start = now();
    for (long i = 0; i < b->count; i++) zmq_poll(items, 10, 0);
    double per_call = (now() - start) / b->count * 1e6;
    for (int i = 0; i < 10; i++) zmq_close(items[i].socket);
    zmq_ctx_term(ctx);
    return per_call;
}

int main(int argc, char **argv) {
    if (argc != 9) {
        fprintf(stderr, "usage: cbench WORKLOAD TRANSPORT SIZE COPY MODE COUNT REPEAT PARTS\n");
        return 2;
    }
    bench_t b = {.transport = argv[2], .size = (size_t)atol(argv[3]), .copy = atoi(argv[4]),
                 .count = atol(argv[6]), .parts = atoi(argv[8])};
    const char *workload = argv[1], *mode = argv[5];
    int repeat = atoi(argv[7]);
    b.buffer = malloc(b.size ? b.size : 1);
    // a real payload, as Python's b"x" * size: an untouched buffer would be
    // the kernel's shared zero page, read from cache however large the frame
    memset(b.buffer, 'x', b.size ? b.size : 1);
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    double best = 0, best_p99 = 0;
    for (int r = 0; r < repeat; r++) {
        if (strcmp(workload, "thr") == 0) {
            double rate = throughput(&b, mode);
            if (rate > best) best = rate;
        } else if (strcmp(workload, "lat") == 0) {
            double median, p99;
            latency(&b, mode, &median, &p99);
            if (r == 0 || median < best) { best = median; best_p99 = p99; }
        } else if (strcmp(workload, "poll") == 0) {
            double per_call = poll_idle(&b);
            if (r == 0 || per_call < best) best = per_call;
        } else {
            fprintf(stderr, "unknown workload %s\n", workload);
            return 2;
        }
    }
    if (strcmp(workload, "thr") == 0)
        printf("{\"value\": %f, \"unit\": \"msg/s\", \"mb_per_s\": %f, ", best,
               best * b.size * b.parts / 1e6);
    else if (strcmp(workload, "lat") == 0)
        printf("{\"value\": %f, \"unit\": \"us\", \"p99\": %f, ", best, best_p99);
    else
        printf("{\"value\": %f, \"unit\": \"us\", ", best);
    printf("\"binding\": \"libzmq %d.%d.%d (C)\"}\n", major, minor, patch);
    return 0;
}
