/*
 * acceptor.c - accept connections from inside an event loop
 *
 * Written in exercise 13 (13-async_server): the student writes this file
 * (lib/server/acceptor.h is its given API). Used by 13, 14-chat_server,
 * 15-http_server, 103-http11_server and 104-fast_server, which reuse
 * the student's own.
 *
 * The listening socket is registered in the loop like any client, and
 * every connection waiting is accepted each time it is readable. Two
 * things a real server must survive are handled here, once:
 *
 *  - running out of descriptors (EMFILE, ENFILE): the connection stays
 *    queued and the listener stays readable, so a loop that kept asking
 *    would spin at 100 % CPU. The acceptor stops watching the listener
 *    and tries again ACCEPTOR_PAUSE_MS later;
 *  - a limit the server sets itself (@max, such as "keep descriptors to
 *    open files with"): at the limit it stops watching the listener until
 *    a connection closes. New connections wait in the kernel's queue.
 *
 * Nothing here prints: the server is told of a pause through on_pause.
 */
#define _GNU_SOURCE /* accept4 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "lib/server/acceptor.h"
#include "lib/server/listener.h"
#include "lib/server/loop.h"
#include "lib/sock.h"

/**
 * pause_accepting - stop watching the listener for a while
 * @loop: the loop
 * @a: the acceptor
 * @why: EMFILE or ENFILE (try again later), or 0 (at @a->max)
 */
static void pause_accepting(struct loop *loop, struct acceptor *a, int why)
{
	loop_watch(loop, a->fd, 0);
	if (why != 0)
		loop_idle_timeout(loop, a->fd, ACCEPTOR_PAUSE_MS);
	if (a->on_pause != NULL)
		a->on_pause(a, why);
}

/**
 * on_listener - accept every waiting connection
 * @loop: the loop
 * @fd: the listening socket
 * @events: LOOP_READ, or LOOP_TIMEOUT at the end of a pause
 * @data: the struct acceptor
 */
static void on_listener(struct loop *loop, int fd, int events, void *data)
{
	struct acceptor *a = data;
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);
	int client = 0;

	if (events & LOOP_TIMEOUT)
	{
		loop_watch(loop, fd, LOOP_READ);
		return;
	}
	/* SOCK_NONBLOCK: a client's socket must never block the loop. */
	while ((a->max == 0 || a->open < a->max) &&
	       (client = accept4(fd, (struct sockaddr *)&peer, &len,
				 SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0)
	{
		a->open++;
		a->on_accept(loop, client, &peer, a->data);
		len = sizeof(peer);
	}
	if (a->max > 0 && a->open >= a->max)
		pause_accepting(loop, a, 0);
	else if (client < 0 && (errno == EMFILE || errno == ENFILE))
		pause_accepting(loop, a, errno);
}

/**
 * acceptor_start - listen on @host:@port and accept from inside @loop
 * @loop: the loop
 * @a: the acceptor, with on_accept, on_pause, max and data set, and fd
 *     -1, or a socket already listening (then @host and @port only name it)
 * @host: the numeric address to bind, such as "127.0.0.1"
 * @port: the port (0: any free one; listener_port(a->fd) says which)
 * @err: where the reason of a failure goes, such as "cannot listen on
 *       127.0.0.1:8080: Address already in use"
 * @size: its size
 *
 * Return: 0, or -1 on failure (@err says why).
 */
int acceptor_start(struct loop *loop, struct acceptor *a, const char *host,
		   int port, char *err, size_t size)
{
	int saved;

	a->open = 0;
	if (a->fd < 0)
		a->fd = listener_open(host, port);
	if (a->fd >= 0 && (sock_nonblock(a->fd) != 0 ||
			   loop_add(loop, a->fd, LOOP_READ, on_listener, a) != 0))
	{
		saved = errno;
		close(a->fd);
		a->fd = -1;
		errno = saved;
	}
	if (a->fd < 0)
	{
		snprintf(err, size, "cannot listen on %s:%d: %s", host, port,
			 strerror(errno));
		return (-1);
	}
	return (0);
}

/**
 * acceptor_closed - a connection from @a was closed
 * @loop: the loop
 * @a: the acceptor
 *
 * At @a->max, this makes room for the next connection.
 */
void acceptor_closed(struct loop *loop, struct acceptor *a)
{
	if (a->open-- == a->max && a->max > 0)
		loop_watch(loop, a->fd, LOOP_READ);
}

/**
 * acceptor_stop - stop accepting and close the listening socket
 * @loop: the loop
 * @a: the acceptor (its connections are the server's to close)
 */
void acceptor_stop(struct loop *loop, struct acceptor *a)
{
	if (a->fd < 0)
		return;
	loop_remove(loop, a->fd);
	close(a->fd);
	a->fd = -1;
}
