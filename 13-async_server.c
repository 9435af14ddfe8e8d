/*
 * 13-async_server - the hello protocol, served by an event loop
 *
 * Usage: ./13-async_server [PORT]      (default 8080; 0: any free port)
 *
 *   $ ./13-async_server 8080
 *   Listening on 127.0.0.1:8080
 *   Received: Hello, server!
 *
 * The same protocol as 11-tcp_server, but one thread serves every client
 * at once: each socket is non-blocking, and the event loop (lib/server/loop.c,
 * epoll underneath) calls us only when a socket is ready. A silent or slow
 * client delays nobody; each keeps its own half-read message and
 * half-written reply. A client silent for CLIENT_TIMEOUT seconds (default
 * 10) is dropped. At most MAX_CLIENTS clients are served at once (unset or
 * 0: as many as there are descriptors); the next ones wait in the
 * kernel's queue until one leaves. Control characters are printed as '?'.
 *
 * What it teaches: non-blocking sockets, per-client state, callbacks named
 * after their events, and what a real server must survive: running out of
 * file descriptors (EMFILE) must neither crash it nor make it spin, so it
 * stops accepting for a moment; at a limit it sets itself, it stops
 * accepting until a client leaves. The loop (lib/server/loop.c, over epoll)
 * and the accepting (lib/server/acceptor.c) are written in this exercise
 * too; 14 and 15 reuse them. Signals arrive as events too: the loop
 * reads them from a signalfd (loop_stop_on_signals in lib/server/loop.c). A
 * client's life has three phases: reading its message, writing the
 * reply, then draining: the server shuts down its writing side and reads
 * what the client still sends (bounded), since closing a socket with
 * unread input resets the connection and can lose the reply. What it
 * prints leaves once per round of the loop (loop_before_wait), in one
 * write() for every line of the round.
 *
 * SIGINT or SIGTERM: every client is closed, a last line printed, exit 0.
 * Exit 1 if it cannot listen, 2 on wrong arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "lib/server/acceptor.h"
#include "lib/server/listener.h"
#include "lib/server/loop.h"
#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "13-async_server"
#define DEFAULT_PORT "8080"
#define MAX_MESSAGE 1024
#define REPLY "Hello, client!\n"
/* How long a client may stay silent, unless CLIENT_TIMEOUT says. */
#define DEFAULT_IDLE_MS 10000L
/* After the reply, how long and how much unread input is drained. */
#define LINGER_MS 2000L
#define LINGER_BYTES 65536L

/**
 * struct client - one connection and where it is in the protocol
 * @fd: its socket
 * @msg: the message so far ('\0'-terminated)
 * @len: bytes in @msg
 * @sent: bytes of REPLY sent so far; -1 while the message is incomplete
 * @drained: bytes read and thrown away after the reply; -1 until then
 * @prev: the previous client in the server's list
 * @next: the next one
 */
struct client
{
	int fd;
	char msg[MAX_MESSAGE + 1];
	int len;
	int sent;
	long drained;
	struct client *prev;
	struct client *next;
};

/**
 * struct server - the listening socket and every client
 * @acceptor: the listening socket, in the loop (lib/server/acceptor.c)
 * @idle_ms: how long a client may stay silent
 * @clients: every open connection (owned: each is freed by close_client)
 */
struct server
{
	struct acceptor acceptor;
	long idle_ms;
	struct client *clients;
};

/**
 * close_client - forget a client and close its connection
 * @loop: the loop
 * @srv: the server
 * @c: the client (freed here)
 */
static void close_client(struct loop *loop, struct server *srv,
			 struct client *c)
{
	loop_remove(loop, c->fd);
	close(c->fd);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		srv->clients = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	free(c);
	acceptor_closed(loop, &srv->acceptor);
}

/**
 * message_done - the message is complete: print it, start the reply
 * @loop: the loop
 * @c: the client
 */
static void message_done(struct loop *loop, struct client *c)
{
	char *newline = memchr(c->msg, '\n', c->len);

	if (newline != NULL)
		c->len = newline - c->msg;
	if (c->len > 0 && c->msg[c->len - 1] == '\r')
		c->len--;
	out_clean(c->msg, c->len);
	c->msg[c->len] = '\0';
	printf("Received: %s\n", c->msg);
	c->sent = 0;
	loop_watch(loop, c->fd, LOOP_WRITE);
}

/**
 * on_readable - read what a client sent; complete the message if we can
 * @loop: the loop
 * @c: the client
 *
 * Return: 0 to keep the client, -1 to close it.
 */
static int on_readable(struct loop *loop, struct client *c)
{
	ssize_t n = recv(c->fd, c->msg + c->len, MAX_MESSAGE - c->len, 0);

	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 0 : -1);
	c->len += n;
	c->msg[c->len] = '\0';
	/* A newline, the end of input or a full buffer ends the message. */
	if (n == 0 || c->len == MAX_MESSAGE ||
	    memchr(c->msg + c->len - n, '\n', n) != NULL)
		message_done(loop, c);
	return (0);
}

/**
 * on_writable - send what is left of the reply; once it is all sent, shut
 * down our writing side and start draining
 * @loop: the loop
 * @c: the client
 *
 * Return: 0 to keep the client, -1 to close it (the client failed).
 */
static int on_writable(struct loop *loop, struct client *c)
{
	int left = (int)strlen(REPLY) - c->sent;
	ssize_t n = send(c->fd, REPLY + c->sent, left, MSG_NOSIGNAL);

	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 0 : -1);
	c->sent += n;
	if (c->sent < (int)strlen(REPLY))
		return (0);
	shutdown(c->fd, SHUT_WR);
	c->drained = 0;
	loop_watch(loop, c->fd, LOOP_READ);
	loop_deadline(loop, c->fd, LINGER_MS);
	return (0);
}

/**
 * on_drainable - throw away what the client sends after the reply
 * @c: the client
 *
 * Return: 0 to wait for more, -1 to close: the client closed its side,
 * failed, or sent LINGER_BYTES.
 */
static int on_drainable(struct client *c)
{
	char junk[4096];
	ssize_t n = recv(c->fd, junk, sizeof(junk), 0);

	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 0 : -1);
	c->drained += n;
	return (n == 0 || c->drained >= LINGER_BYTES ? -1 : 0);
}

/**
 * on_client - a client's socket is ready, or its time is up
 * @loop: the loop
 * @fd: its socket
 * @events: LOOP_READ, LOOP_WRITE or LOOP_TIMEOUT
 * @data: the struct client
 */
static void on_client(struct loop *loop, int fd, int events, void *data)
{
	struct client *c = data;
	struct server *srv = loop_data(loop);
	int done = 0;

	(void)fd;
	if (events & LOOP_TIMEOUT)
	{
		/* Draining ends quietly when its time is up. */
		if (c->drained < 0)
			fprintf(stderr, "%s: client dropped: silent for too "
				"long\n", NAME);
		done = 1;
	}
	else if (c->drained >= 0)
		done = on_drainable(c) != 0;
	else if (c->sent >= 0)
		/* Replying: only writing matters. A hang-up, which the loop
		 * reports as readable, shows up here as a failed send().
		 */
		done = on_writable(loop, c) != 0;
	else
		done = on_readable(loop, c) != 0;
	if (done)
		close_client(loop, srv, c);
}

/**
 * on_accept - start serving a newly accepted connection
 * @loop: the loop
 * @fd: its socket, already non-blocking
 * @peer: the client's address (unused)
 * @data: the struct server
 */
static void on_accept(struct loop *loop, int fd,
		      const struct sockaddr_storage *peer, void *data)
{
	struct server *srv = data;
	struct client *c = calloc(1, sizeof(*c));

	(void)peer;
	if (c == NULL || loop_add(loop, fd, LOOP_READ, on_client, c) != 0)
	{
		fprintf(stderr, "%s: client refused: out of memory\n", NAME);
		free(c);
		close(fd);
		acceptor_closed(loop, &srv->acceptor);
		return;
	}
	c->fd = fd;
	c->sent = -1;
	c->drained = -1;
	c->next = srv->clients;
	if (c->next != NULL)
		c->next->prev = c;
	srv->clients = c;
	loop_idle_timeout(loop, fd, srv->idle_ms);
}

/**
 * on_pause - say that accepting paused
 * @a: the acceptor
 * @why: EMFILE or ENFILE: out of file descriptors; 0: at MAX_CLIENTS
 *
 * Running out of descriptors must neither crash the server nor make it
 * spin: the acceptor stops watching the listener for a moment. At its
 * own limit, it stops until a client leaves.
 */
static void on_pause(struct acceptor *a, int why)
{
	if (why == 0)
		fprintf(stderr, "%s: %d clients, as MAX_CLIENTS allows: pausing\n",
			NAME, a->max);
	else
		fprintf(stderr, "%s: out of file descriptors, pausing\n", NAME);
}

/**
 * max_clients - the MAX_CLIENTS setting
 *
 * Return: the most clients served at once (0, or unset: no limit but the
 * descriptors), or -1 if it is not a whole number.
 */
static int max_clients(void)
{
	const char *text = getenv("MAX_CLIENTS");
	char *end;
	long n;

	if (text == NULL || *text == '\0')
		return (0);
	errno = 0;
	n = strtol(text, &end, 10);
	if (!isdigit((unsigned char)text[0]) || *end != '\0' || errno != 0 ||
	    n > INT_MAX)
		return (-1);
	return ((int)n);
}

/**
 * before_wait - the loop is about to wait: write out what was printed
 * @loop: the loop
 *
 * stdout is a pipe or a file when the server runs under a test or a
 * supervisor, so printf() only fills a buffer. Flushing here, once per
 * round of the loop, sends every line printed in the round in one write()
 * and never leaves a line waiting while the server sleeps.
 */
static void before_wait(struct loop *loop)
{
	(void)loop;
	fflush(stdout);
}

/**
 * start - listen, and register the listener and the signals
 * @loop: the loop
 * @srv: the server to fill in
 * @port: the port to listen on
 *
 * Return: 0 on success, -1 on failure (the reason is on stderr).
 */
static int start(struct loop *loop, struct server *srv, int port)
{
	char err[128];

	srv->idle_ms = timeout_env_ms("CLIENT_TIMEOUT", DEFAULT_IDLE_MS);
	srv->acceptor.max = max_clients();
	if (srv->idle_ms < 0 || srv->acceptor.max < 0)
	{
		fprintf(stderr, "%s: %s must be a number of %s\n", NAME,
			srv->idle_ms < 0 ? "CLIENT_TIMEOUT" : "MAX_CLIENTS",
			srv->idle_ms < 0 ? "seconds" : "clients");
		return (-1);
	}
	loop_before_wait(loop, before_wait);
	srv->acceptor.on_accept = on_accept;
	srv->acceptor.on_pause = on_pause;
	srv->acceptor.data = srv;
	if (acceptor_start(loop, &srv->acceptor, "127.0.0.1", port, err,
			   sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (-1);
	}
	printf("Listening on 127.0.0.1:%d\n", listener_port(srv->acceptor.fd));
	fflush(stdout);
	return (0);
}

/**
 * main - serve the hello protocol to every client at once
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional port
 *
 * Return: 0 when stopped by a signal, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct server srv;
	struct loop *loop;
	int port, failed = 1;

	port = sock_parse_port(argc == 2 ? argv[1] : DEFAULT_PORT);
	if (argc > 2 || port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT]\n", NAME);
		return (2);
	}
	sock_raise_fd_limit();
	memset(&srv, 0, sizeof(srv));
	srv.acceptor.fd = -1;
	loop = loop_new(&srv);
	if (loop == NULL || loop_stop_on_signals(loop) != 0)
		perror(NAME ": cannot start the event loop");
	else if (start(loop, &srv, port) == 0)
		failed = loop_run(loop) != 0;
	while (srv.clients != NULL)
		close_client(loop, &srv, srv.clients);
	if (!failed)
		printf("Server stopped\n");
	acceptor_stop(loop, &srv.acceptor);
	loop_free(loop);
	return (failed);
}
