// SPDX-License-Identifier: BSD-3-Clause
// The workloads of workloads.py written against libzmq's C API, for the
// "C" column of python -m zmq.perf: same sockets, options, sizes and modes.
//
//   cbench thr    TRANSPORT SIZE COPY MODE COUNT REPEAT PARTS
//   cbench lat    TRANSPORT SIZE 1    MODE COUNT REPEAT 1     [RATE]
//   cbench rr     TRANSPORT SIZE 1    MODE COUNT REPEAT 1     RATE
//   cbench pubsub TRANSPORT SIZE 1    MODE COUNT REPEAT 1     RATE
//   cbench poll   tcp       0    1    single COUNT REPEAT 1
//
// rr is lat with the client sending RATE requests per second (0: unpaced);
// pubsub is a subscriber receiving RATE messages per second, each stamped
// with the monotonic time it was published. Every result has cpu_us: CPU
// time (user + system, every thread, the child's too) per message.
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
#include <sys/prctl.h>
#include <sys/resource.h>
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

// CPU seconds (user + system) of this process so far, every thread
static double cpu(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

// sleep until request i is due at rate per second from start (at once if late);
// the first call makes this thread's sleeps end on time (timer slack 1 us, not 50)
static void pace(double start, long i, double rate) {
    if (rate <= 0) return;
    if (i == 0) prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL);
    double due = start + i / rate;
    if (due <= now()) return;
    struct timespec ts = {(time_t)due, (long)((due - (time_t)due) * 1e9)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0) {}
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
    double rate;       // rr, pubsub: messages per second (0: unpaced)
    double cpu;        // CPU seconds of the last run, both ends
    double achieved;   // rr, pubsub: messages per second of the last run
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
        double start = now(), used = cpu();
        for (long done = 0; done < b->count;) {
            long n = b->count - done < batch ? b->count - done : batch;
            for (long i = 0; i < n; i++) send_message(push, b);
            for (long i = 0; i < n; i++) recv_message(pull, b);
            done += n;
        }
        rate = b->count / (now() - start);
        b->cpu = cpu() - used;
        zmq_close(pull);
    } else if (strcmp(mode, "thread") == 0) {
        pthread_t thread;
        receiver_args args = {connect_socket(ctx, ZMQ_PULL, b), b};
        char *landing = malloc(b->size ? b->size : 1);
        bench_t receiver_bench = *b;  // its own landing buffer
        receiver_bench.buffer = landing;
        args.bench = &receiver_bench;
        double used = cpu();
        pthread_create(&thread, NULL, receiver_thread, &args);
        for (long i = 0; i < b->count; i++) send_message(push, b);
        pthread_join(thread, NULL);
        b->cpu = cpu() - used;
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
            double used = cpu();
            double report[2] = {receive_all(pull, b), 0};
            report[1] = cpu() - used;
            if (write(fds[1], report, sizeof report) != sizeof report) _exit(1);
            zmq_close(pull);
            zmq_ctx_term(child_ctx);
            _exit(0);
        }
        double used = cpu();
        for (long i = 0; i < b->count; i++) send_message(push, b);
        double report[2];
        if (read(fds[0], report, sizeof report) != sizeof report) exit(1);
        b->cpu = cpu() - used + report[1];
        waitpid(child, NULL, 0);
        rate = (b->count - 1) / report[0];
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

static void percentiles(double *samples, long count, double *median, double *p99) {
    qsort(samples, count, sizeof(double), by_value);
    *median = samples[count / 2] * 1e6;
    long at = count * 99 / 100;
    *p99 = samples[at < count ? at : count - 1] * 1e6;
}

// REQ/REP round trips, the client pacing its requests at b->rate per second
static void latency(bench_t *b, const char *mode, double *median, double *p99) {
    void *ctx = zmq_ctx_new();
    void *req = bind_socket(ctx, ZMQ_REQ, b);
    void *rep = NULL;
    double *samples = malloc(sizeof(double) * b->count);
    pthread_t thread;
    echo_args args;
    pid_t child = 0;
    int fds[2];
    int single = strcmp(mode, "single") == 0;
    if (single || strcmp(mode, "thread") == 0) rep = connect_socket(ctx, ZMQ_REP, b);
    double used = cpu(), begin = 0;
    if (strcmp(mode, "thread") == 0) {
        args.sock = rep;
        args.count = b->count + 1;
        pthread_create(&thread, NULL, echo_thread, &args);
    } else if (!single) {
        if (pipe(fds) < 0) exit(1);
        child = fork();
        if (child == 0) {
            void *child_ctx = zmq_ctx_new();
            void *child_rep = connect_socket(child_ctx, ZMQ_REP, b);
            double child_used = cpu();
            echo(child_rep, b->count + 1);
            child_used = cpu() - child_used;
            if (write(fds[1], &child_used, sizeof child_used) != sizeof child_used) _exit(1);
            zmq_close(child_rep);
            zmq_ctx_term(child_ctx);
            _exit(0);
        }
    }
    for (long i = -1; i < b->count; i++) {  // i == -1 warms the connection up
        if (i == 0) begin = now();
        if (i >= 0) pace(begin, i, b->rate);
        double start = now();
        check(zmq_send(req, b->buffer, b->size, 0), "send");
        if (single) echo(rep, 1);
        recv_message(req, b);
        if (i >= 0) samples[i] = now() - start;
    }
    b->achieved = b->count / (now() - begin);
    if (strcmp(mode, "thread") == 0) pthread_join(thread, NULL);
    double child_used = 0;
    if (child) {
        if (read(fds[0], &child_used, sizeof child_used) != sizeof child_used) exit(1);
        waitpid(child, NULL, 0);
    }
    b->cpu = cpu() - used + child_used;
    percentiles(samples, b->count, median, p99);
    free(samples);
    if (rep) zmq_close(rep);
    zmq_close(req);
    zmq_ctx_term(ctx);
}

// receive count stamped messages: their latencies and the CPU this took
typedef struct { void *sock; long count; double *samples; double cpu; } subscriber_args;

static void *subscribe(void *arg) {
    subscriber_args *s = arg;
    double used = cpu();
    for (long i = 0; i < s->count; i++) {
        zmq_msg_t msg;
        double stamp;
        zmq_msg_init(&msg);
        check(zmq_msg_recv(&msg, s->sock, 0), "recv");
        memcpy(&stamp, zmq_msg_data(&msg), sizeof stamp);
        s->samples[i] = now() - stamp;
        zmq_msg_close(&msg);
    }
    s->cpu = cpu() - used;
    return NULL;
}

// a subscriber receiving b->rate messages per second (XPUB: it waits for the
// subscription, then sends as PUB does)
static void pubsub(bench_t *b, const char *mode, double *median, double *p99) {
    size_t size = b->size < sizeof(double) ? sizeof(double) : b->size;
    char *payload = malloc(size);
    memset(payload, 'x', size);
    void *ctx = zmq_ctx_new();
    void *pub = bind_socket(ctx, ZMQ_XPUB, b);
    subscriber_args args = {NULL, b->count, malloc(sizeof(double) * b->count), 0};
    pthread_t thread;
    pid_t child = 0;
    int fds[2];
    int threaded = strcmp(mode, "thread") == 0;
    if (threaded) {
        args.sock = connect_socket(ctx, ZMQ_SUB, b);
        check(zmq_setsockopt(args.sock, ZMQ_SUBSCRIBE, "", 0), "subscribe");
    } else {
        if (pipe(fds) < 0) exit(1);
        child = fork();
        if (child == 0) {
            void *child_ctx = zmq_ctx_new();
            args.sock = connect_socket(child_ctx, ZMQ_SUB, b);
            check(zmq_setsockopt(args.sock, ZMQ_SUBSCRIBE, "", 0), "subscribe");
            subscribe(&args);
            double report[3];
            percentiles(args.samples, b->count, &report[0], &report[1]);
            report[2] = args.cpu;
            if (write(fds[1], report, sizeof report) != sizeof report) _exit(1);
            zmq_close(args.sock);
            zmq_ctx_term(child_ctx);
            _exit(0);
        }
    }
    char subscription[256];
    check(zmq_recv(pub, subscription, sizeof subscription, 0), "subscription");
    double used = cpu();
    if (threaded) pthread_create(&thread, NULL, subscribe, &args);
    double begin = now();
    for (long i = 0; i < b->count; i++) {
        pace(begin, i, b->rate);
        double stamp = now();
        memcpy(payload, &stamp, sizeof stamp);
        check(zmq_send(pub, payload, size, 0), "publish");
    }
    if (threaded) {
        pthread_join(thread, NULL);
        b->cpu = cpu() - used;
        percentiles(args.samples, b->count, median, p99);
        zmq_close(args.sock);
    } else {
        double report[3];
        if (read(fds[0], report, sizeof report) != sizeof report) exit(1);
        waitpid(child, NULL, 0);
        b->cpu = cpu() - used + report[2];
        *median = report[0];
        *p99 = report[1];
    }
    b->achieved = b->count / (now() - begin);
    free(args.samples);
    free(payload);
    zmq_close(pub);
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
    double start = now(), used = cpu();
    for (long i = 0; i < b->count; i++) zmq_poll(items, 10, 0);
    double per_call = (now() - start) / b->count * 1e6;
    b->cpu = cpu() - used;
    for (int i = 0; i < 10; i++) zmq_close(items[i].socket);
    zmq_ctx_term(ctx);
    return per_call;
}

static int by_double(const void *a, const void *b) { return by_value(a, b); }

static double median_of(double *values, int n) {
    qsort(values, n, sizeof(double), by_double);
    return values[n / 2];
}

int main(int argc, char **argv) {
    if (argc != 9 && argc != 10) {
        fprintf(stderr, "usage: cbench WORKLOAD TRANSPORT SIZE COPY MODE COUNT REPEAT PARTS [RATE]\n");
        return 2;
    }
    bench_t b = {.transport = argv[2], .size = (size_t)atol(argv[3]), .copy = atoi(argv[4]),
                 .count = atol(argv[6]), .parts = atoi(argv[8]), .rate = argc == 10 ? atof(argv[9]) : 0};
    const char *workload = argv[1], *mode = argv[5];
    int repeat = atoi(argv[7]);
    int paced = strcmp(workload, "rr") == 0 || strcmp(workload, "pubsub") == 0;
    b.buffer = malloc(b.size ? b.size : 1);
    // a real payload, as Python's b"x" * size: an untouched buffer would be
    // the kernel's shared zero page, read from cache however large the frame
    memset(b.buffer, 'x', b.size ? b.size : 1);
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    double best = 0, best_p99 = 0, best_cpu = 0;
    // paced workloads: the median of the runs for each figure
    double *medians = malloc(sizeof(double) * repeat), *p99s = malloc(sizeof(double) * repeat);
    double *cpus = malloc(sizeof(double) * repeat), *rates = malloc(sizeof(double) * repeat);
    for (int r = 0; r < repeat; r++) {
        if (strcmp(workload, "thr") == 0) {
            double rate = throughput(&b, mode);
            if (rate > best) { best = rate; best_cpu = b.cpu; }
        } else if (strcmp(workload, "lat") == 0 || paced) {
            double median, p99;
            if (strcmp(workload, "pubsub") == 0) pubsub(&b, mode, &median, &p99);
            else latency(&b, mode, &median, &p99);
            medians[r] = median; p99s[r] = p99; cpus[r] = b.cpu; rates[r] = b.achieved;
            if (r == 0 || median < best) { best = median; best_p99 = p99; best_cpu = b.cpu; }
        } else if (strcmp(workload, "poll") == 0) {
            double per_call = poll_idle(&b);
            if (r == 0 || per_call < best) { best = per_call; best_cpu = b.cpu; }
        } else {
            fprintf(stderr, "unknown workload %s\n", workload);
            return 2;
        }
    }
    double achieved = 0;
    if (paced) {
        best = median_of(medians, repeat);
        best_p99 = median_of(p99s, repeat);
        best_cpu = median_of(cpus, repeat);
        achieved = median_of(rates, repeat);
    }
    if (strcmp(workload, "thr") == 0)
        printf("{\"value\": %f, \"unit\": \"msg/s\", \"mb_per_s\": %f, ", best,
               best * b.size * b.parts / 1e6);
    else if (strcmp(workload, "poll") != 0)
        printf("{\"value\": %f, \"unit\": \"us\", \"p99\": %f, ", best, best_p99);
    else
        printf("{\"value\": %f, \"unit\": \"us\", ", best);
    if (paced) printf("\"rate\": %f, ", achieved);
    printf("\"cpu_us\": %f, \"binding\": \"libzmq %d.%d.%d (C)\"}\n", best_cpu / b.count * 1e6,
           major, minor, patch);
    return 0;
}
