#ifndef LIB_SERVER_WORKERS_H
#define LIB_SERVER_WORKERS_H

/*
 * Written in exercise 104 (104-fast_server); used by 104.
 * The student writes workers.c; this header is its given API.
 */

/* The most workers WORKERS may ask for. */
#define WORKERS_MAX 16

/* Serve on the listening socket @fd until SIGINT or SIGTERM; once
 * listening and ready to answer, call workers_ready(@ready, port).
 * Return 0 when stopped by a signal, 1 on failure.
 */
typedef int (*workers_serve_cb)(int fd, int ready, void *data);

int workers_env(void);
int workers_listen(const char *host, int port);
void workers_ready(int ready, int port);
int workers_run(const char *name, int count, int port, workers_serve_cb serve,
		void *data);

#endif /* LIB_SERVER_WORKERS_H */
