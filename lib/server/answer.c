/*
 * answer.c - the answers of an HTTP/1.1 file server, written into the
 * buffer of lib/server/http11.c: a status, a file's head with its
 * validators, a redirect, a listing, and the log line of each
 *
 * Written in exercise 103 (103-http11_server): the student writes this
 * file (lib/server/answer.h is its given API). Used by 103 and
 * 104-fast_server, whose answer() callbacks call it, and by
 * lib/server/http11.c for the requests it cannot read (400, 408, ...).
 *
 * Every answer has a status line, Server and Date; its Content-Length
 * says where its body ends, since the connection stays open for the next
 * request; its last field says whether the connection stays open. A file
 * also has Last-Modified and an ETag, which lib/server/conditional.c
 * compares with the request's conditions and range to choose between
 * 200, 206, 304, 412 and 416.
 *
 * Nothing here changes a connection: an answer that must close it says
 * so in its head and returns 1 (answer_status()), and lib/server/http11.c,
 * which owns the connection, closes it once the answer is sent.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/server/answer.h"
#include "lib/server/conditional.h"

/**
 * answer_add - add formatted text to the answer being built
 * @h: the server (the answer is h->out)
 * @format: a printf format; the text must fit in a request line and more
 */
void answer_add(struct http11 *h, const char *format, ...)
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
 * answer_put - add text as it is to the answer being built
 * @h: the server (the answer is h->out)
 * @text: the text
 *
 * For text without a number or a name in it: no format to read.
 */
void answer_put(struct http11 *h, const char *text)
{
	if (buf_append(&h->out, text, strlen(text)) != 0)
		h->failed = 1;
}

/**
 * answer_is_head - is this a HEAD request (an answer without its body)?
 * @req: the request, or NULL if it could not be read
 *
 * Return: 1 if it is, 0 if not.
 */
int answer_is_head(const struct request_head *req)
{
	return (req != NULL && strcmp(req->method, "HEAD") == 0);
}

/**
 * answer_method - can a static file server apply this method?
 * @method: the request's method
 *
 * Return: 0 for GET and HEAD, 405 for the other standard methods, 501
 * for any other.
 */
int answer_method(const char *method)
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
 * answer_log - one line of the access log, in the common log format
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the answer's status
 * @bytes: bytes of body sent
 */
void answer_log(struct http11_conn *c, const struct request_head *req,
		int status, long bytes)
{
	response_log(c->peer, c->server->log_date, req, status, bytes);
}

/**
 * answer_tick - tell the time, for the Date field and the log
 * @h: the server
 *
 * Called once per round of the loop (by lib/server/http11.c): the dates are formatted once a
 * second, not once per answer.
 */
void answer_tick(struct http11 *h)
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
 * answer_start_head - the status line and the fields every answer has
 * @h: the server
 * @status: the status code
 */
void answer_start_head(struct http11 *h, int status)
{
	answer_add(h, "HTTP/1.1 %d %s\r\nServer: %s\r\nDate: %s\r\n", status,
		   response_reason(status), h->name, h->date);
}

/**
 * answer_end_head - say whether the connection stays open; end the head
 * @h: the server
 * @c: the connection
 * @req: the request, or NULL
 * @closes: 1 if this answer closes the connection, whatever the request
 *
 * HTTP/1.1 keeps connections open unless told otherwise; HTTP/1.0 closes
 * them unless the client asked for keep-alive, so it is told it got it.
 * The connection (lib/server/http11.c) may already be closing.
 *
 * Return: 1 if the connection closes after this answer, else 0.
 */
int answer_end_head(struct http11 *h, const struct http11_conn *c,
		    const struct request_head *req, int closes)
{
	closes = closes || c->closing;
	if (closes)
		answer_put(h, "Connection: close\r\n\r\n");
	else if (req != NULL && req->minor == 0)
		answer_put(h, "Connection: keep-alive\r\n\r\n");
	else
		answer_put(h, "\r\n");
	return (closes);
}

/**
 * answer_status - an answer that is only a status, such as 404
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the status code
 * @fields: more header fields ("Name: value\r\n"...), or ""
 *
 * After an answer that says the request could not be read, the
 * connection is closed: where the next request starts is unknown. After
 * a 503 (out of descriptors) too: that gives one back.
 *
 * Return: 1 if the connection closes after this answer, else 0.
 */
int answer_status(struct http11_conn *c, const struct request_head *req,
		  int status, const char *fields)
{
	struct http11 *h = c->server;
	char body[64];
	int len = sprintf(body, "%d %s\n", status, response_reason(status));
	int closes;

	answer_start_head(h, status);
	if (status == 405 || status == 501)
		answer_put(h, "Allow: GET, HEAD\r\n");
	answer_add(h, "%sContent-Type: text/plain; charset=utf-8\r\n"
		   "Content-Length: %d\r\n", fields, len);
	closes = answer_end_head(h, c, req, req == NULL || status == 503);
	if (!answer_is_head(req))
		answer_put(h, body);
	answer_log(c, req, status, answer_is_head(req) ? 0 : len);
	return (closes);
}

/**
 * answer_validators - a file's ETag and Last-Modified, written once for
 * all the answers that give that version of it
 * @v: where they go
 * @st: what fstat() said of the file
 */
void answer_validators(struct answer_validators *v, const struct stat *st)
{
	conditional_tag(v->tag, st);
	response_date(v->modified, st->st_mtime);
}

/**
 * answer_file_head - the head of the answer to a GET or HEAD of a file:
 * 200, 206 for a range, 304 or 412 for a condition, 416 for a range
 * outside the file (lib/server/conditional.c decides which)
 * @c: the connection
 * @req: the request
 * @type: the file's media type (text is said to be UTF-8)
 * @st: what fstat() said of the file
 * @v: its validators, from answer_validators()
 * @first: where to put the first byte to send
 * @last: where to put the last byte to send
 *
 * The answer is logged here.
 *
 * Return: 1 if the bytes *first to *last are to follow, 0 if the answer
 * is complete.
 */
int answer_file_head(struct http11_conn *c, const struct request_head *req,
		     const char *type, const struct stat *st,
		     const struct answer_validators *v, off_t *first,
		     off_t *last)
{
	struct http11 *h = c->server;
	char fields[64];
	int status;

	status = conditional_check(req, st, v->tag);
	if (status == 0)
		status = conditional_range(req, st, v->tag, first, last);
	if (status == 412 || status == 416)
	{
		sprintf(fields, "Content-Range: bytes */%ld\r\n", (long)st->st_size);
		answer_status(c, req, status, status == 416 ? fields : "");
		return (0);
	}
	answer_start_head(h, status);
	answer_add(h, "Last-Modified: %s\r\nETag: %s\r\n", v->modified, v->tag);
	if (status != 304)
		answer_add(h, "Content-Type: %s%s\r\nContent-Length: %ld\r\n"
			   "Accept-Ranges: bytes\r\n", type,
			   strncmp(type, "text/", 5) == 0 ? "; charset=utf-8" : "",
			   (long)(*last - *first + 1));
	if (status == 206)
		answer_add(h, "Content-Range: bytes %ld-%ld/%ld\r\n", (long)*first,
			   (long)*last, (long)st->st_size);
	answer_end_head(h, c, req, 0);
	if (status == 304 || answer_is_head(req) || *last < *first)
	{
		answer_log(c, req, status, 0);
		return (0);
	}
	answer_log(c, req, status, (long)(*last - *first + 1));
	return (1);
}

/**
 * answer_redirect_dir - 301 to a directory's name with a slash after it,
 * so that the relative links of its page lead inside it
 * @c: the connection
 * @req: the request
 * @path: the directory's path, decoded and relative to DIR
 */
void answer_redirect_dir(struct http11_conn *c,
			 const struct request_head *req, const char *path)
{
	struct buf location;

	buf_init(&location);
	if (response_location(&location, path, req->target) != 0)
		answer_status(c, req, 500, "");
	else
		answer_status(c, req, 301, location.data);
	buf_free(&location);
}

/**
 * answer_listing - answer with a directory's listing
 * @c: the connection
 * @req: the request
 * @site: the served directory
 * @path: the directory's path
 * @fd: the directory (closed here)
 */
void answer_listing(struct http11_conn *c, const struct request_head *req,
		    const struct site *site, const char *path, int fd)
{
	struct http11 *h = c->server;
	struct buf page;

	buf_init(&page);
	if (site_listing(site, &page, fd, path) != 0)
	{
		answer_status(c, req, 500, "");
		buf_free(&page);
		return;
	}
	answer_start_head(h, 200);
	answer_add(h, "Content-Type: text/html; charset=utf-8\r\n"
		   "Content-Length: %lu\r\n", (unsigned long)page.len);
	answer_end_head(h, c, req, 0);
	if (!answer_is_head(req) && buf_append(&h->out, page.data, page.len))
		h->failed = 1;
	answer_log(c, req, 200, answer_is_head(req) ? 0 : (long)page.len);
	buf_free(&page);
}
