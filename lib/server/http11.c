/*
 * http11.c - HTTP/1.1 connections: kept open from one request to the
 * next, pipelined requests answered in order, slow clients timed out
 *
 * Written in exercise 103 (103-http11_server): the student writes this
 * file (lib/server/http11.h is its given API). Used by 103 and
 * 104-fast_server, which answer requests their own way (the answer
 * callback) on the same connections.
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
 * An idle connection owns no buffer: its input is allocated when bytes
 * arrive and freed once they are answered.
 *
 * Timeouts (idle_ms, CLIENT_TIMEOUT): a request must arrive whole within
 * idle_ms of its first byte (else 408); a connection may stay idle that
 * long between requests; a client has that long each time to take more of
 * its answer. A client sending one byte at a time gains nothing: its
 * request's deadline does not move.
 */
#define _GNU_SOURCE /* MSG_MORE */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include "lib/server/conditional.h"
#include "lib/server/http11.h"
#include "lib/timeout.h"

/* How long a closing connection's unread input is drained: closing a
 * socket with unread input resets the connection, and the client may
 * lose our answer with it.
 */
#define LINGER_MS 2000

/**
 * http11_add - add formatted text to the answer being built
 * @h: the server (the answer is h->out)
 * @format: a printf format; the text must fit in a request line and more
 */
void http11_add(struct http11 *h, const char *format, ...)
{
	char text[3 * REQUEST_MAX_LINE + 256]; /* a target, %-encoded */
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(text, sizeof(text), format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text) ||
	    buf_append(&h->out, text, n) != 0)
		h->failed = 1;
}

/**
 * http11_is_head - is this a HEAD request (an answer without its body)?
 * @req: the request, or NULL if it could not be read
 *
 * Return: 1 if it is, 0 if not.
 */
int http11_is_head(const struct request_head *req)
{
	return (req != NULL && strcmp(req->method, "HEAD") == 0);
}

/**
 * http11_method - can a static file server apply this method?
 * @method: the request's method
 *
 * Return: 0 for GET and HEAD, 405 for the other standard methods, 501
 * for any other.
 */
int http11_method(const char *method)
{
	static const char *const others[] = {"POST", "PUT", "DELETE",
		"CONNECT", "OPTIONS", "TRACE", "PATCH"};
	size_t i;

	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return (0);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (strcmp(method, others[i]) == 0)
			return (405);
	return (501);
}

/**
 * http11_tick - tell the time, for the Date field and the log
 * @h: the server
 *
 * Called once per round of the loop: the dates are formatted once a
 * second, not once per answer.
 */
void http11_tick(struct http11 *h)
{
	time_t now = time(NULL);

	if (now != h->now)
	{
		h->now = now;
		response_date(h->date, now);
		response_log_date(h->log_date, now);
	}
}

/**
 * http11_log - one line of the access log, in the common log format
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the answer's status
 * @bytes: bytes of body sent
 */
void http11_log(struct http11_conn *c, const struct request_head *req,
		int status, long bytes)
{
	response_log(c->peer, c->server->log_date, req, status, bytes);
}

/**
 * http11_start_head - the status line and the fields every answer has
 * @h: the server
 * @status: the status code
 */
void http11_start_head(struct http11 *h, int status)
{
	http11_add(h, "HTTP/1.1 %d %s\r\nServer: %s\r\nDate: %s\r\n", status,
		   response_reason(status), h->name, h->date);
}

/**
 * http11_end_head - say whether the connection stays open; end the head
 * @h: the server
 * @c: the connection
 * @req: the request, or NULL
 *
 * HTTP/1.1 keeps connections open unless told otherwise; HTTP/1.0 closes
 * them unless the client asked for keep-alive, so it is told it got it.
 */
void http11_end_head(struct http11 *h, struct http11_conn *c,
		     const struct request_head *req)
{
	if (c->closing)
		http11_add(h, "Connection: close\r\n\r\n");
	else if (req != NULL && req->minor == 0)
		http11_add(h, "Connection: keep-alive\r\n\r\n");
	else
		http11_add(h, "\r\n");
}

/**
 * http11_status - an answer that is only a status, such as 404
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the status code
 * @fields: more header fields ("Name: value\r\n"...), or ""
 *
 * After an answer that says the request could not be read, the
 * connection is closed: where the next request starts is unknown.
 */
void http11_status(struct http11_conn *c, const struct request_head *req,
		   int status, const char *fields)
{
	struct http11 *h = c->server;
	char body[64];
	int len = sprintf(body, "%d %s\n", status, response_reason(status));

	if (req == NULL || status == 503)
		c->closing = 1;
	http11_start_head(h, status);
	if (status == 405 || status == 501)
		http11_add(h, "Allow: GET, HEAD\r\n");
	http11_add(h, "%sContent-Type: text/plain; charset=utf-8\r\n"
		   "Content-Length: %d\r\n", fields, len);
	http11_end_head(h, c, req);
	if (!http11_is_head(req))
		http11_add(h, "%s", body);
	http11_log(c, req, status, http11_is_head(req) ? 0 : len);
}

/**
 * http11_file_head - the head of the answer to a GET or HEAD of a file:
 * 200, 206 for a range, 304 or 412 for a condition, 416 for a range
 * outside the file (lib/server/conditional.c decides which)
 * @c: the connection
 * @req: the request
 * @type: the file's media type (text is said to be UTF-8)
 * @st: what fstat() said of the file
 * @first: where to put the first byte to send
 * @last: where to put the last byte to send
 *
 * The answer is logged here.
 *
 * Return: 1 if the bytes *first to *last are to follow, 0 if the answer
 * is complete.
 */
int http11_file_head(struct http11_conn *c, const struct request_head *req,
		     const char *type, const struct stat *st, off_t *first,
		     off_t *last)
{
	struct http11 *h = c->server;
	char date[RESPONSE_DATE_SIZE], tag[CONDITIONAL_TAG_SIZE], fields[64];
	int status;

	conditional_tag(tag, st);
	status = conditional_check(req, st, tag);
	if (status == 0)
		status = conditional_range(req, st, tag, first, last);
	if (status == 412 || status == 416)
	{
		sprintf(fields, "Content-Range: bytes */%ld\r\n", (long)st->st_size);
		http11_status(c, req, status, status == 416 ? fields : "");
		return (0);
	}
	response_date(date, st->st_mtime);
	http11_start_head(h, status);
	http11_add(h, "Last-Modified: %s\r\nETag: %s\r\n", date, tag);
	if (status != 304)
		http11_add(h, "Content-Type: %s%s\r\nContent-Length: %ld\r\n"
			   "Accept-Ranges: bytes\r\n", type,
			   strncmp(type, "text/", 5) == 0 ? "; charset=utf-8" : "",
			   (long)(*last - *first + 1));
	if (status == 206)
		http11_add(h, "Content-Range: bytes %ld-%ld/%ld\r\n", (long)*first,
			   (long)*last, (long)st->st_size);
	http11_end_head(h, c, req);
	if (status == 304 || http11_is_head(req) || *last < *first)
	{
		http11_log(c, req, status, 0);
		return (0);
	}
	http11_log(c, req, status, (long)(*last - *first + 1));
	return (1);
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
 * http11_redirect_dir - 301 to a directory's name with a slash after it,
 * so that the relative links of its page lead inside it
 * @c: the connection
 * @req: the request
 * @path: the directory's path, decoded and relative to DIR
 */
void http11_redirect_dir(struct http11_conn *c,
			 const struct request_head *req, const char *path)
{
	struct buf location;

	buf_init(&location);
	if (response_location(&location, path, req->target) != 0)
		http11_status(c, req, 500, "");
	else
		http11_status(c, req, 301, location.data);
	buf_free(&location);
}

/**
 * http11_listing - answer with a directory's listing
 * @c: the connection
 * @req: the request
 * @site: the served directory
 * @path: the directory's path
 * @fd: the directory (closed here)
 */
void http11_listing(struct http11_conn *c, const struct request_head *req,
		    const struct site *site, const char *path, int fd)
{
	struct http11 *h = c->server;
	struct buf page;

	buf_init(&page);
	if (site_listing(site, &page, fd, path) != 0)
	{
		http11_status(c, req, 500, "");
		buf_free(&page);
		return;
	}
	http11_start_head(h, 200);
	http11_add(h, "Content-Type: text/html; charset=utf-8\r\n"
		   "Content-Length: %lu\r\n", (unsigned long)page.len);
	http11_end_head(h, c, req);
	if (!http11_is_head(req) && buf_append(&h->out, page.data, page.len))
		h->failed = 1;
	http11_log(c, req, 200, http11_is_head(req) ? 0 : (long)page.len);
	buf_free(&page);
}

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
			http11_status(c, NULL, status, "");
			return (0);
		}
		/* The server does not read request bodies: after one, it
		 * cannot know where the next request starts.
		 */
		if (!req.keep_alive || req.has_body)
			c->closing = 1;
		c->server->answer(c->server, c, &req);
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

	if (c->file >= 0 && c->server->more)
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
	/* Idle, lingering, or not reading its answer: just close. */
	if (c->in_len == 0 || c->lingering || sending(c) || c->closing)
		return (-1);
	http11_status(c, NULL, 408, "");
	if (push(c) != 0)
		return (-1);
	return (wait_next(loop, c));
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
	/* Answers go out whole: waiting to fill packets (Nagle) only adds
	 * delay.
	 */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	c->server = h;
	if (peer->ss_family == AF_INET)
		c->peer = ((const struct sockaddr_in *)peer)->sin_addr;
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
	http11_tick(loop_data(loop));
	fflush(stdout);
}

/**
 * http11_listen - read CLIENT_TIMEOUT, listen on 127.0.0.1:@port, and
 * serve every connection accepted
 * @loop: the loop, made with loop_new(@h)
 * @h: the server; its name, answer and data set, and its acceptor's max
 *     and on_pause if it wants them
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
	if (acceptor_start(loop, &h->acceptor, "127.0.0.1", port) != 0)
	{
		snprintf(err, size, "cannot listen on 127.0.0.1:%d: %s", port,
			 strerror(errno));
		return (-1);
	}
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
