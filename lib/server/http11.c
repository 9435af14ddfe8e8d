/*
 * http11.c - HTTP/1.1 connections: kept open from one request to the
 * next, pipelined requests answered in order, slow clients timed out
 *
 * Written in exercise 103 (103-http11_server): the student writes this
 * file (lib/server/http11.h is its given API). Used by 103 and
 * 104-fast_server, which answer requests their own way (the answer
 * callback, with lib/server/answer.c) on the same connections.
 *
 * A connection's life: bytes arrive; once a request's head is whole
 * (request_parse()), it is answered; whatever follows the head is the
 * start of the next request (pipelining): kept, never thrown away. The
 * answers are built in one buffer that all connections share, and sent;
 * what the socket does not take is copied to the connection, which then
 * waits until the client reads it before reading more requests. After
 * "Connection: close", a request with a body, or one that could not be
 * read, the connection closes once the answer is sent.
 *
 * Timeouts (idle_ms, CLIENT_TIMEOUT): a request must arrive whole within
 * idle_ms of its first byte (else 408; one byte at a time gains nothing);
 * a connection may stay idle that long between requests; a client has
 * that long each time to take more of its answer.
 */
#define _GNU_SOURCE /* MSG_MORE */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include "lib/server/answer.h"
#include "lib/server/http11.h"
#include "lib/sock.h"
#include "lib/timeout.h"

/* Unread input is drained this long before a close: closing a socket
 * with unread input resets it, and the client may lose our answer. */
#define LINGER_MS 2000

/**
 * consume - drop the first @n bytes of a connection's input
 * @c: the connection
 * @n: how many
 *
 * What follows is the start of the next (pipelined) request, whose
 * clock starts now. A connection with no input left holds no buffer.
 */
static void consume(struct http11_conn *c, size_t n)
{
	c->in_len -= n;
	memmove(c->in, c->in + n, c->in_len);
	c->started = timeout_now_ms();
	if (c->in_len == 0)
	{
		free(c->in);
		c->in = NULL;
	}
}

/**
 * sending - is an answer still on its way to the client?
 * @c: the connection
 *
 * Return: 1 if it is, 0 if not.
 */
static int sending(const struct http11_conn *c)
{
	return (c->out.len > 0 || c->file >= 0);
}

/**
 * answer_all - answer every complete request received, in order
 * @c: the connection
 *
 * The answers pile up in the server's out and go out in one send(); a
 * file stops the pile, as it goes by sendfile() after the answers before
 * it.
 *
 * Return: 1 if it stopped at a file (more requests may wait), 0 if every
 * complete request was answered.
 */
static int answer_all(struct http11_conn *c)
{
	struct request_head req;
	int status;

	while (!sending(c) && !c->closing && c->in_len > 0)
	{
		status = request_parse(c->in, c->in_len, &req);
		if (status == REQUEST_INCOMPLETE)
			return (0);
		if (status != 0)
		{
			c->closing = answer_status(c, NULL, status, "");
			return (0);
		}
		/* The server does not read request bodies: after one, it
		 * cannot know where the next request starts.
		 */
		if (!req.keep_alive || req.has_body)
			c->closing = 1;
		if (c->server->answer(c->server, c, &req))
			c->closing = 1;
		consume(c, req.head_len);
		if (c->file >= 0)
			return (1);
	}
	return (0);
}

/**
 * send_some - send bytes, as many as the socket takes now
 * @c: the connection
 * @data: the bytes
 * @len: how many
 *
 * Return: how many were sent (0 if the socket is full), -1 on error.
 */
static ssize_t send_some(struct http11_conn *c, const char *data, size_t len)
{
	int flags = MSG_NOSIGNAL;
	ssize_t n;

	/* A file follows these bytes: MSG_MORE holds them until the file's
	 * first bytes join them, so that a small answer is one packet.
	 */
	if (c->file >= 0)
		flags |= MSG_MORE;
	n = send(c->fd, data, len, flags);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return (0);
	return (n);
}

/**
 * send_pending - send what is left of the answer: bytes, then the file
 * @c: the connection
 *
 * Return: 0 (done, or the socket is full), -1 on error.
 */
static int send_pending(struct http11_conn *c)
{
	ssize_t n;

	if (c->out.len > 0)
	{
		n = send_some(c, c->out.data + c->out_sent,
			      c->out.len - c->out_sent);
		if (n < 0)
			return (-1);
		c->out_sent += n;
		if (c->out_sent < c->out.len)
			return (0);
		buf_free(&c->out);
		c->out_sent = 0;
	}
	while (c->file >= 0)
	{
		n = sendfile(c->fd, c->file, &c->file_pos,
			     c->file_end - c->file_pos);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return (0);
		if (n <= 0) /* an error, or the file shrank */
			return (-1);
		if (c->file_pos == c->file_end)
		{
			close(c->file);
			c->file = -1;
		}
	}
	return (0);
}

/**
 * push - send the answers built in the server's out; keep what the
 * socket would not take (the connection owns that copy until it is sent)
 * @c: the connection
 *
 * Return: 0, or -1 if the connection is to be closed.
 */
static int push(struct http11_conn *c)
{
	struct buf *out = &c->server->out;
	ssize_t n;

	if (c->server->failed)
	{
		c->server->failed = 0;
		out->len = 0;
		return (-1);
	}
	if (out->len > 0)
	{
		n = send_some(c, out->data, out->len);
		if (n < 0 || ((size_t)n < out->len &&
			      buf_append(&c->out, out->data + n, out->len - n)))
			return (-1);
		out->len = 0;
	}
	return (send_pending(c));
}

/**
 * linger - the last answer is sent: stop writing, drain what the client
 * still sends, close at its end (or after LINGER_MS)
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0.
 */
static int linger(struct loop *loop, struct http11_conn *c)
{
	shutdown(c->fd, SHUT_WR);
	c->lingering = 1;
	c->unsent = sock_unsent(c->fd);
	free(c->in);
	c->in = NULL;
	c->in_len = 0;
	loop_watch(loop, c->fd, LOOP_READ);
	loop_deadline(loop, c->fd, LINGER_MS);
	return (0);
}

/**
 * wait_next - wait for what comes next on a connection
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0.
 */
static int wait_next(struct loop *loop, struct http11_conn *c)
{
	long idle_ms = c->server->idle_ms, left;

	if (sending(c))
	{
		/* A client that reads nothing for idle_ms is dropped. */
		loop_watch(loop, c->fd, LOOP_WRITE);
		loop_idle_timeout(loop, c->fd, idle_ms);
		c->unsent = sock_unsent(c->fd);
		return (0);
	}
	if (c->closing)
		return (linger(loop, c));
	loop_watch(loop, c->fd, LOOP_READ);
	if (c->in_len == 0)
	{
		loop_idle_timeout(loop, c->fd, idle_ms);
		return (0);
	}
	/* Part of a request is here: it has idle_ms from its first byte. */
	left = c->started + idle_ms - timeout_now_ms();
	loop_deadline(loop, c->fd, left > 0 ? left : 1);
	return (0);
}

/**
 * process - answer what can be answered, send it, wait for what is next
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0 to keep the connection, -1 to close it.
 */
static int process(struct loop *loop, struct http11_conn *c)
{
	int more;

	do {
		more = answer_all(c);
		if (push(c) != 0)
			return (-1);
	} while (more && !sending(c));
	return (wait_next(loop, c));
}

/**
 * on_readable - read what the client sent, and answer it
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0 to keep the connection, -1 to close it.
 */
static int on_readable(struct loop *loop, struct http11_conn *c)
{
	char junk[4096];
	ssize_t n;

	if (c->lingering)
	{
		n = recv(c->fd, junk, sizeof(junk), 0);
		return (n > 0 || (n < 0 && errno == EAGAIN) ? 0 : -1);
	}
	if (c->in == NULL && (c->in = malloc(REQUEST_MAX_HEAD)) == NULL)
		return (-1);
	n = recv(c->fd, c->in + c->in_len, REQUEST_MAX_HEAD - c->in_len, 0);
	if (n <= 0)
	{
		if (c->in_len == 0)
			consume(c, 0);
		return (n < 0 && (errno == EAGAIN || errno == EINTR) ? 0 : -1);
	}
	if (c->in_len == 0)
		c->started = timeout_now_ms();
	c->in_len += n;
	return (process(loop, c));
}

/**
 * on_timeout - a connection's time is up
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0 to keep the connection (to send it a 408), -1 to close it.
 */
static int on_timeout(struct loop *loop, struct http11_conn *c)
{
	/* Still taking the answer from the kernel's buffer: wait more. */
	if ((c->lingering || sending(c)) &&
	    sock_still_taking(c->fd, &c->unsent))
	{
		loop_deadline(loop, c->fd, c->server->idle_ms);
		return (0);
	}
	/* Idle, lingering, or not reading its answer: just close. */
	if (c->in_len == 0 || c->lingering || sending(c) || c->closing)
		return (-1);
	c->closing = answer_status(c, NULL, 408, "");
	if (push(c) != 0)
		return (-1);
	return (wait_next(loop, c));
}

/**
 * http11_send_file - send bytes of a file after the answer's head, by
 * sendfile(): the kernel copies them from its cache to the socket as fast
 * as the client reads
 * @c: the connection
 * @fd: the file (owned by @c until sent)
 * @first: the first byte to send
 * @end: one past the last
 */
void http11_send_file(struct http11_conn *c, int fd, off_t first, off_t end)
{
	c->file = fd;
	c->file_pos = first;
	c->file_end = end;
}

/**
 * http11_close - forget a connection and close it
 * @loop: the loop
 * @c: the connection (freed here)
 */
void http11_close(struct loop *loop, struct http11_conn *c)
{
	struct http11 *h = c->server;

	loop_remove(loop, c->fd);
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
	free(c->in);
	buf_free(&c->out);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		h->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	free(c);
	acceptor_closed(loop, &h->acceptor);
}

/**
 * on_client - a connection is ready, or its time is up
 * @loop: the loop
 * @fd: its socket
 * @events: LOOP_READ, LOOP_WRITE or LOOP_TIMEOUT
 * @data: the struct http11_conn
 */
static void on_client(struct loop *loop, int fd, int events, void *data)
{
	struct http11_conn *c = data;
	int r;

	(void)fd;
	if (events & LOOP_TIMEOUT)
		r = on_timeout(loop, c);
	else if (sending(c))
	{
		/* Only writing matters now; a client that hung up shows up
		 * as a failed send().
		 */
		r = send_pending(c);
		if (r == 0 && !sending(c))
			r = process(loop, c);
	}
	else
		r = on_readable(loop, c);
	if (r != 0)
		http11_close(loop, c);
}

/**
 * http11_accept - start serving a newly accepted connection (the
 * acceptor's callback)
 * @loop: the loop
 * @fd: its socket, already non-blocking (closed here if out of memory)
 * @peer: the client's address
 * @data: the struct http11
 */
static void http11_accept(struct loop *loop, int fd,
			  const struct sockaddr_storage *peer, void *data)
{
	struct http11 *h = data;
	struct http11_conn *c = calloc(1, sizeof(*c));
	int one = 1;

	if (c == NULL || loop_add(loop, fd, LOOP_READ, on_client, c) != 0)
	{
		free(c);
		close(fd);
		acceptor_closed(loop, &h->acceptor);
		return;
	}
	/* Answers go out whole: waiting to fill packets (Nagle) only delays. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	c->server = h;
	response_peer(peer, c->peer);
	c->file = -1;
	c->next = h->conns;
	if (c->next != NULL)
		c->next->prev = c;
	h->conns = c;
	loop_idle_timeout(loop, fd, h->idle_ms);
}

/**
 * before_wait - once per round of the loop: tell the time, write the log
 * @loop: the loop (its data is the struct http11)
 *
 * The log goes out once per round, not once per line: one write() for
 * all the requests answered in the round.
 */
static void before_wait(struct loop *loop)
{
	answer_tick(loop_data(loop));
	fflush(stdout);
}

/**
 * http11_listen - read CLIENT_TIMEOUT, listen on 127.0.0.1:@port (or
 * LISTEN_ADDRESS), and serve every connection accepted
 * @loop: the loop, made with loop_new(@h)
 * @h: the server; its name, answer and data set, its acceptor's max and
 *     on_pause if it wants them, and its fd -1 (or a socket already
 *     listening, such as 104's workers open)
 * @port: the port (0: any free port)
 * @err: where the reason of a failure goes
 * @size: its size
 *
 * Return: 0, or -1 on failure (@err says why).
 */
int http11_listen(struct loop *loop, struct http11 *h, int port, char *err,
		  size_t size)
{
	h->idle_ms = timeout_env_ms("CLIENT_TIMEOUT", HTTP11_IDLE_MS);
	if (h->idle_ms < 0)
	{
		snprintf(err, size, "CLIENT_TIMEOUT must be a number of seconds");
		return (-1);
	}
	h->acceptor.on_accept = http11_accept;
	h->acceptor.data = h;
	if (acceptor_start(loop, &h->acceptor, sock_listen_address(), port,
			   err, size) != 0)
		return (-1);
	loop_before_wait(loop, before_wait);
	return (0);
}

/**
 * http11_stop - close every connection and the listening socket
 * @loop: the loop
 * @h: the server
 */
void http11_stop(struct loop *loop, struct http11 *h)
{
	while (h->conns != NULL)
		http11_close(loop, h->conns);
	acceptor_stop(loop, &h->acceptor);
	buf_free(&h->out);
}
