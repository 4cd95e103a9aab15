// SPDX-License-Identifier: LGPL-3.0-or-later
// zmq_ctx_term with a bound on the wait, for contexts still open at interpreter exit.
//
// zmq_ctx_term waits until every message queued under LINGER -1 is
// delivered, forever if the peer is gone. At exit the interpreter must end
// anyway, so the term runs in a thread of its own and the exiting thread
// waits for it only up to a deadline (or until a signal handler raises):
// messages to live peers are still delivered, a dead peer costs at most the
// deadline. A thread still waiting in libzmq when the process ends simply
// ends with it; the job is freed by whichever side lets go of it last.

#ifndef ZMQ_EXIT_TERM_H
#define ZMQ_EXIT_TERM_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <zmq.h>

typedef struct zmqpy_term_job {
    pthread_mutex_t lock;
    pthread_cond_t finished;
    void *context;
    int done;  // 1 once zmq_ctx_term returned
    int refs;  // the thread's and the waiter's
} zmqpy_term_job;

static void zmqpy_term_job_unref(zmqpy_term_job *job) {
    int last;
    pthread_mutex_lock(&job->lock);
    last = --job->refs == 0;
    pthread_mutex_unlock(&job->lock);
    if (last) {
        pthread_cond_destroy(&job->finished);
        pthread_mutex_destroy(&job->lock);
        free(job);
    }
}

static void *zmqpy_term_thread(void *arg) {
    zmqpy_term_job *job = (zmqpy_term_job *)arg;
    while (zmq_ctx_term(job->context) < 0 && zmq_errno() == EINTR) {
    }
    pthread_mutex_lock(&job->lock);
    job->done = 1;
    pthread_cond_broadcast(&job->finished);
    pthread_mutex_unlock(&job->lock);
    zmqpy_term_job_unref(job);
    return 0;
}

// Start terminating ``context`` in a detached thread that takes no signals
// (they stay with the exiting thread). NULL if no thread could be started.
static zmqpy_term_job *zmqpy_term_start(void *context) {
    zmqpy_term_job *job = (zmqpy_term_job *)calloc(1, sizeof(zmqpy_term_job));
    pthread_attr_t attr;
    pthread_t thread;
    sigset_t all, previous;
    int rc;
    if (job == 0)
        return 0;
    pthread_mutex_init(&job->lock, 0);
    pthread_cond_init(&job->finished, 0);
    job->context = context;
    job->refs = 2;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    rc = pthread_create(&thread, &attr, zmqpy_term_thread, job);
    pthread_sigmask(SIG_SETMASK, &previous, 0);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_cond_destroy(&job->finished);
        pthread_mutex_destroy(&job->lock);
        free(job);
        return 0;
    }
    return job;
}

// Wait up to ``seconds`` for the term to finish; 1 if it has.
static int zmqpy_term_wait(zmqpy_term_job *job, double seconds) {
    struct timespec until;
    int done;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += (time_t)seconds;
    until.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec += 1;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&job->lock);
    while (!job->done) {
        if (pthread_cond_timedwait(&job->finished, &job->lock, &until) == ETIMEDOUT)
            break;
    }
    done = job->done;
    pthread_mutex_unlock(&job->lock);
    return done;
}

// The waiter lets go of the job (the term may still be running).
static void zmqpy_term_release(zmqpy_term_job *job) {
    zmqpy_term_job_unref(job);
}

#endif
