/*
 * http10.c - one request per connection, on the event loop: read the
 * request's head, have it answered, send the answer and its file, close
 *
 * Written in exercise 15 (15-http_server): the student writes this file
 * (lib/server/http10.h is its given API). Used by 15-http_server, whose
 * answer() says what to send. 103-http11_server's lib/server/http11.c is
 * the same idea grown up: connections kept open, requests pipelined.
 *
 * A request arrives in pieces: bytes are kept until the blank line that
 * ends its head (lib/server/request.c reads it). The answer's head goes
 * out with send(), the file after it with sendfile(): the kernel copies
 * the file from its cache to the socket as fast as the client reads,
 * without passing through the server. Then the connection closes
 * politely: shutdown() says the answer is over, and what the client still
 * sends is read and dropped until it closes (closing a socket with unread
 * bytes resets it, and the client may lose the answer). A client has
 * CLIENT_TIMEOUT seconds to send its request, and as long each time to
 * take more of the answer. Nothing here prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include "lib/server/http10.h"
#include "lib/server/listener.h"
#include "lib/sock.h"
#include "lib/timeout.h"

/**
 * read_request - read what the client sent; answer once its head is whole
 * @h: the server
 * @c: the connection
 *
 * Return: 1 if the answer is ready in c->out, 0 to wait for more bytes,
 * -1 to close (the client left, or memory ran out).
 */
static int read_request(struct http10 *h, struct http10_conn *c)
{
	struct request_head req;
	ssize_t n;
	int status;

	n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 0 : -1);
	if (n == 0)
		return (-1);
	c->in_len += n;
	status = request_parse(c->in, c->in_len, &req);
	if (status == REQUEST_INCOMPLETE)
		return (0);
	h->answer(c, status == 0 ? &req : NULL, status, h->data);
	return (c->out.len > 0 ? 1 : -1);
}

/**
 * send_answer - send what the socket takes of the answer: the head, then
 * the file
 * @c: the connection
 *
 * Return: 1 once all is sent, 0 if the socket is full, -1 on error.
 */
static int send_answer(struct http10_conn *c)
{
	ssize_t n;

	while (c->out_sent < c->out.len)
	{
		n = send(c->fd, c->out.data + c->out_sent,
			 c->out.len - c->out_sent, MSG_NOSIGNAL);
		if (n < 0)
			return (errno == EAGAIN || errno == EINTR ? 0 : -1);
		c->out_sent += n;
	}
	while (c->file >= 0 && c->file_pos < c->file_end)
	{
		n = sendfile(c->fd, c->file, &c->file_pos,
			     c->file_end - c->file_pos);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return (0);
		if (n <= 0) /* an error, or the file shrank */
			return (-1);
	}
	return (1);
}

/**
 * close_conn - forget a connection and close it
 * @loop: the loop
 * @h: the server
 * @c: the connection (freed here)
 */
static void close_conn(struct loop *loop, struct http10 *h,
		       struct http10_conn *c)
{
	loop_remove(loop, c->fd);
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
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
 * step - the next step of a connection: read the request, answer, send
 * @loop: the loop
 * @h: the server
 * @c: the connection
 *
 * Return: 0 to keep the connection, -1 to close it.
 */
static int step(struct loop *loop, struct http10 *h, struct http10_conn *c)
{
	int r = 1;

	if (c->out.len == 0)
		r = read_request(h, c);
	if (r == 1)
		r = send_answer(c);
	if (r == 1)
	{
		/* All is sent: say so, and read what is left until the
		 * client closes, so that the answer is not lost to a reset.
		 */
		shutdown(c->fd, SHUT_WR);
		c->lingering = 1;
		c->unsent = sock_unsent(c->fd);
		loop_watch(loop, c->fd, LOOP_READ);
		loop_deadline(loop, c->fd, HTTP10_LINGER_MS);
	}
	else if (r == 0 && c->out.len > 0)
	{
		/* The socket is full. A client that takes nothing more of
		 * the answer for the timeout is dropped.
		 */
		loop_watch(loop, c->fd, LOOP_WRITE);
		loop_idle_timeout(loop, c->fd, h->timeout_ms);
		c->unsent = sock_unsent(c->fd);
	}
	return (r < 0 ? -1 : 0);
}

/**
 * on_client - a connection is ready, or its time is up
 * @loop: the loop (its data is the struct http10)
 * @fd: its socket
 * @events: LOOP_READ, LOOP_WRITE or LOOP_TIMEOUT
 * @data: the struct http10_conn
 */
static void on_client(struct loop *loop, int fd, int events, void *data)
{
	struct http10 *h = loop_data(loop);
	struct http10_conn *c = data;
	char junk[4096];
	ssize_t n;

	if ((events & LOOP_TIMEOUT) && (c->lingering || c->out.len > 0) &&
	    sock_still_taking(fd, &c->unsent))
	{
		/* A slow client still taking the answer from the kernel's
		 * buffer gets another timeout.
		 */
		loop_deadline(loop, fd, h->timeout_ms);
		return;
	}
	if (events & LOOP_TIMEOUT)
		n = -1;
	else if (c->lingering)
	{
		n = recv(fd, junk, sizeof(junk), 0);
		if (n < 0 && errno == EAGAIN)
			n = 1;
		n = n > 0 ? 0 : -1;
	}
	else
		n = step(loop, h, c);
	if (n < 0)
		close_conn(loop, h, c);
}

/**
 * on_accept - start serving a newly accepted connection
 * @loop: the loop
 * @fd: its socket, already non-blocking (closed here if out of memory)
 * @peer: the client's address
 * @data: the struct http10
 */
static void on_accept(struct loop *loop, int fd,
		      const struct sockaddr_storage *peer, void *data)
{
	struct http10 *h = data;
	struct http10_conn *c = calloc(1, sizeof(*c));

	if (c == NULL || loop_add(loop, fd, LOOP_READ, on_client, c) != 0)
	{
		free(c);
		close(fd);
		acceptor_closed(loop, &h->acceptor);
		return;
	}
	c->fd = fd;
	response_peer(peer, c->peer);
	c->file = -1;
	c->next = h->conns;
	if (c->next != NULL)
		c->next->prev = c;
	h->conns = c;
	/* The whole request within the timeout: sending it a byte at a
	 * time does not buy more.
	 */
	loop_deadline(loop, fd, h->timeout_ms);
}

/**
 * http10_listen - read CLIENT_TIMEOUT, listen on 127.0.0.1:@port (or
 * LISTEN_ADDRESS), say so on stdout, and serve every connection accepted
 * @loop: the loop, made with loop_new(@h)
 * @h: the server; its answer and data set
 * @port: the port (0: any free port)
 * @err: where the reason of a failure goes
 * @size: its size
 *
 * Return: 0, or -1 on failure (@err says why).
 */
int http10_listen(struct loop *loop, struct http10 *h, int port, char *err,
		  size_t size)
{
	h->timeout_ms = timeout_env_ms("CLIENT_TIMEOUT", HTTP10_TIMEOUT_MS);
	if (h->timeout_ms < 0)
	{
		snprintf(err, size, "CLIENT_TIMEOUT must be a number of seconds");
		return (-1);
	}
	h->acceptor.on_accept = on_accept;
	h->acceptor.data = h;
	if (acceptor_start(loop, &h->acceptor, sock_listen_address(), port,
			   err, size) != 0)
		return (-1);
	sock_say_listening(sock_listen_address(),
			   listener_port(h->acceptor.fd));
	return (0);
}

/**
 * http10_stop - close every connection and the listening socket
 * @loop: the loop
 * @h: the server
 */
void http10_stop(struct loop *loop, struct http10 *h)
{
	while (h->conns != NULL)
		close_conn(loop, h, h->conns);
	acceptor_stop(loop, &h->acceptor);
}
