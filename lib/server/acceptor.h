#ifndef LIB_SERVER_ACCEPTOR_H
#define LIB_SERVER_ACCEPTOR_H

/* Written in exercise 13: the API of lib/server/acceptor.c (given). */

#include <stddef.h>
#include <sys/socket.h>

/* After EMFILE or ENFILE, accepting waits this long for descriptors. */
#define ACCEPTOR_PAUSE_MS 100

struct loop;
struct acceptor;

/* A new connection, already non-blocking: the callback owns @fd, and
 * calls acceptor_closed() once it has closed it.
 */
typedef void (*acceptor_cb)(struct loop *loop, int fd,
			    const struct sockaddr_storage *peer, void *data);

/* Accepting paused: @why is EMFILE or ENFILE (out of descriptors; it
 * resumes ACCEPTOR_PAUSE_MS later) or 0 (@max connections are open; it
 * resumes when one closes).
 */
typedef void (*acceptor_pause_cb)(struct acceptor *a, int why);

/**
 * struct acceptor - a listening socket in an event loop
 * @fd: the listening socket: -1 for acceptor_start() to open one, or
 *      one already listening, which it uses as it is (104-fast_server's
 *      workers open theirs with SO_REUSEPORT)
 * @open: connections handed over and not yet closed
 * @max: the most connections open at once, 0 for no limit
 * @on_accept: called with each new connection
 * @on_pause: called when accepting pauses (may be NULL)
 * @data: given to @on_accept
 */
struct acceptor
{
	int fd;
	int open;
	int max;
	acceptor_cb on_accept;
	acceptor_pause_cb on_pause;
	void *data;
};

int acceptor_start(struct loop *loop, struct acceptor *a, const char *host,
		   int port, char *err, size_t size);
void acceptor_closed(struct loop *loop, struct acceptor *a);
void acceptor_stop(struct loop *loop, struct acceptor *a);

#endif /* LIB_SERVER_ACCEPTOR_H */
