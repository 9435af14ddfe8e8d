#ifndef LIB_CLIENT_CONN_H
#define LIB_CLIENT_CONN_H

/* Written in exercise 4: the API of lib/client/conn.c (given). */

#include <stddef.h>
#include <sys/types.h>

/**
 * struct conn - a TCP connection, with TLS on top or not
 * @fd: the socket (non-blocking)
 * @ctx: the TLS settings, or NULL for plain TCP
 * @ssl: the TLS session, or NULL for plain TCP
 * @deadline: when everything must be over (timeout_now_ms() milliseconds)
 * @err: where the reason of a failure is written
 * @err_size: the size of @err
 */
struct conn
{
	int fd;
	void *ctx;
	void *ssl;
	long deadline;
	char *err;
	size_t err_size;
};

int conn_fail(struct conn *c, const char *format, ...);
int conn_open(struct conn *c, const char *host, const char *port,
	      long connect_ms);
int conn_start_tls(struct conn *c, const char *host);
ssize_t conn_read(struct conn *c, void *buf, size_t n);
int conn_write(struct conn *c, const void *buf, size_t n);
void conn_close(struct conn *c);

#endif /* LIB_CLIENT_CONN_H */
