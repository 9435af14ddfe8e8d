/*
 * connect.c - connect to a host and port without ever waiting past a
 * deadline: the getaddrinfo() loop, and a connect() that cannot hang.
 *
 * Written in exercise 12 (12-tcp_client), the first client: the student
 * writes this file (lib/client/connect.h is its given API). Used by
 * 12-tcp_client, then by 4-7 (through lib/client/conn.c), which reuse the
 * student's own.
 *
 * A name may have several addresses (IPv4 and IPv6, several servers):
 * each is tried in the order getaddrinfo() gives, until one connects. A
 * blocking connect() to an address that does not answer waits minutes;
 * here the socket is non-blocking, connect() returns at once, poll()
 * waits for the outcome no longer than the deadline allows, and SO_ERROR
 * tells what it was.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>

#include "lib/client/connect.h"
#include "lib/sock.h"
#include "lib/timeout.h"

/**
 * connect_wait - wait until @fd is ready for @events, or @deadline passes
 * @fd: the socket
 * @events: POLLIN or POLLOUT
 * @deadline: a timeout_now_ms() time
 *
 * Return: 0 when ready, -1 with errno ETIMEDOUT (or poll's error).
 */
int connect_wait(int fd, short events, long deadline)
{
	struct pollfd p;
	long left;
	int n;

	p.fd = fd;
	p.events = events;
	do {
		left = deadline - timeout_now_ms();
		n = poll(&p, 1, left > 0 ? (int)left : 0);
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	return (n > 0 ? 0 : -1);
}

/**
 * try_connect - connect to one address, giving up at @deadline
 * @ai: the address
 * @deadline: a timeout_now_ms() time
 *
 * Return: a connected, non-blocking socket, or -1 with errno set.
 */
static int try_connect(const struct addrinfo *ai, long deadline)
{
	int fd, err = 0;
	socklen_t len = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0)
		return (-1);
	/* Non-blocking, connect() returns at once; poll() then waits for
	 * the outcome no longer than we allow, and SO_ERROR tells it.
	 */
	if (sock_nonblock(fd) != 0)
		err = errno;
	else if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 &&
		 errno != EINPROGRESS)
		err = errno;
	else if (connect_wait(fd, POLLOUT, deadline) != 0)
		err = errno;
	else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err == 0)
		return (fd);
	close(fd);
	errno = err;
	return (-1);
}

/**
 * connect_to - the getaddrinfo loop: try each address of @host
 * @host: a name or an address
 * @port: the port, as text
 * @deadline: when to give up connecting
 * @err: where the reason of a failure goes
 * @size: its size
 *
 * Return: a connected, non-blocking socket, or -1 (@err says why).
 */
int connect_to(const char *host, const char *port, long deadline,
	       char *err, size_t size)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;	/* IPv4 or IPv6, whatever HOST has */
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0)
	{
		snprintf(err, size, "cannot resolve %s: %s", host,
			 gai_strerror(rc));
		return (-1);
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
		fd = try_connect(ai, deadline);
	if (fd < 0)
		snprintf(err, size, "cannot connect to %s port %s: %s", host,
			 port, errno == ETIMEDOUT ? "timed out" :
			 strerror(errno));
	freeaddrinfo(res);
	return (fd);
}
