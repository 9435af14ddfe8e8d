/*
 * http.c - HTTP/1.1 by hand: what libcurl does for exercises 0-3, done
 * over a socket (lib/client/conn.c) for exercises 4-7.
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/http.h is its given API). Used by 4-7.
 *
 * One request per connection ("Connection: close"). The response is read
 * into memory: status line, headers (at most HTTP_MAX_HEADERS bytes), then
 * the body, framed by Content-Length, by chunks, or by the end of the
 * connection, and at most BUF_MAX_SIZE bytes. Redirects (301, 302, 303,
 * 307, 308) are followed, at most HTTP_MAX_REDIRECTS: 301-303 turn a POST
 * into a GET, 307 and 308 keep method and body. Proxies are not: that is
 * libcurl's work (exercises 0-3).
 *
 * Whatever the server sends is checked: a response that breaks the rules
 * is an error with a reason, never a crash, a hang or unbounded memory.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/client/conn.h"
#include "lib/client/http.h"
#include "lib/timeout.h"
#include "lib/client/url.h"

#define HEADERS_TOO_LARGE "the response's headers are larger than 64 KiB"
#define BAD_CHUNK "an invalid chunk size"
#define HEX_DIGITS "0123456789abcdefABCDEF"

/**
 * struct reader - the bytes received and not yet used
 * @c: the connection they come from
 * @data: the bytes
 * @pos: where the unused part of @data starts
 * @used: how many bytes were used in all (for the header size limit)
 * @length: the response's Content-Length, or -1 if it has none
 * @encoded: the response has a Transfer-Encoding field
 * @chunked: its first Transfer-Encoding field says "chunked"
 * @location: the value of its first Location field (in the response's
 *            headers), or NULL
 * @location_len: the length of that value
 */
struct reader
{
	struct conn *c;
	struct buf data;
	size_t pos;
	size_t used;
	long length;
	int encoded;
	int chunked;
	const char *location;
	size_t location_len;
};

/**
 * more - receive more bytes into the reader
 * @r: the reader
 *
 * Return: how many arrived, 0 at the end of the stream, -1 on failure.
 */
static ssize_t more(struct reader *r)
{
	char chunk[16384];
	ssize_t n;

	/* Drop what was used, so the buffer does not grow with the body. */
	if (r->pos > 0)
	{
		memmove(r->data.data, r->data.data + r->pos,
			r->data.len - r->pos);
		r->data.len -= r->pos;
		r->pos = 0;
	}
	n = conn_read(r->c, chunk, sizeof(chunk));
	if (n > 0 && buf_append(&r->data, chunk, n) != 0)
		return (conn_fail(r->c, "out of memory"));
	return (n);
}

/**
 * read_line - the next line, ending in "\n" (a "\r" before it is dropped)
 * @r: the reader
 * @max: the longest line allowed
 * @too_long: the error when a line is longer
 * @line: set to the line, '\0'-terminated in place
 *
 * Return: 0 on success, -1 on failure, 1 if the stream ended first.
 */
static int read_line(struct reader *r, size_t max, const char *too_long,
		     char **line)
{
	char *nl;
	ssize_t n;
	size_t len;

	for (;;)
	{
		nl = r->data.len > r->pos ? memchr(r->data.data + r->pos, '\n',
						   r->data.len - r->pos) : NULL;
		if (nl != NULL)
			break;
		if (r->data.len - r->pos > max)
			return (conn_fail(r->c, "%s", too_long));
		n = more(r);
		if (n <= 0)
			return (n < 0 ? -1 : 1);
	}
	*line = r->data.data + r->pos;
	len = nl - *line;
	r->pos += len + 1;
	r->used += len + 1;
	if (len > 0 && (*line)[len - 1] == '\r')
		len--;
	(*line)[len] = '\0';
	if (strlen(*line) != len)
		return (conn_fail(r->c, "a NUL byte in the headers"));
	return (0);
}

/**
 * parse_status - read "HTTP/1.x NNN reason"
 * @c: the connection, for errors
 * @line: the status line
 * @status: set to the code
 *
 * Return: 0 on success, -1 if it is not a status line.
 */
static int parse_status(struct conn *c, const char *line, int *status)
{
	if (strncmp(line, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)line[7])
	    || line[8] != ' ' || !isdigit((unsigned char)line[9]) ||
	    !isdigit((unsigned char)line[10]) ||
	    !isdigit((unsigned char)line[11]) ||
	    (line[12] != ' ' && line[12] != '\0'))
		return (conn_fail(c, "not an HTTP/1.x status line: \"%.40s\"",
				  line));
	*status = atoi(line + 9);
	if (*status < 100)
		return (conn_fail(c, "bad status code %d", *status));
	return (0);
}

/**
 * value_length - the length of a header value without the spaces and tabs
 * at its end, which are not part of it (RFC 9112, section 5)
 * @value: the value, already without the ones at its start
 *
 * Return: the length.
 */
static int value_length(const char *value)
{
	size_t len = strlen(value);

	while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	return ((int)len);
}

/**
 * add_header - store one header line as "Name: value\n"
 * @c: the connection, for errors
 * @headers: where the lines go
 * @line: the line as received
 *
 * A line starting with a space or a tab continues the previous header
 * (obsolete line folding): it is joined to it with one space.
 *
 * Return: 0 on success, -1 on failure.
 */
static int add_header(struct conn *c, struct buf *headers, const char *line)
{
	const char *colon = strchr(line, ':'), *value;

	if (line[0] == ' ' || line[0] == '\t')
	{
		if (headers->len == 0)
			return (conn_fail(c, "a folded line, but no header"));
		headers->len--;		/* drop the "\n" */
		value = line + strspn(line, " \t");
		return (buf_printf(headers, "%s%.*s\n", value[0] ? " " : "",
				   value_length(value), value));
	}
	if (colon == NULL || colon == line || strcspn(line, " \t") <
	    (size_t)(colon - line))
		return (conn_fail(c, "a header line without a name and a colon:"
				  " \"%.40s\"", line));
	value = colon + 1 + strspn(colon + 1, " \t");
	return (buf_printf(headers, "%.*s: %.*s\n", (int)(colon - line), line,
			   value_length(value), value));
}

/**
 * read_head - read the status line and the headers of a response
 * @r: the reader
 * @res: where the status and the headers go
 *
 * Interim responses (1xx) are skipped.
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_head(struct reader *r, struct http_response *res)
{
	size_t start;
	char *line;
	int rc;

	do {
		start = r->used;
		rc = read_line(r, HTTP_MAX_HEADERS, HEADERS_TOO_LARGE, &line);
		if (rc == 1)
			return (conn_fail(r->c, r->data.len == 0 ? "the server"
					  " closed the connection without"
					  " answering" : "the response ended"
					  " in its status line"));
		if (rc != 0 || parse_status(r->c, line, &res->status) != 0)
			return (-1);
		snprintf(res->status_line, sizeof(res->status_line), "%s", line);
		res->headers.len = 0;
		while ((rc = read_line(r, HTTP_MAX_HEADERS, HEADERS_TOO_LARGE,
				       &line)) == 0 && line[0] != '\0')
		{
			if (r->used - start > HTTP_MAX_HEADERS)
				return (conn_fail(r->c, HEADERS_TOO_LARGE));
			if (add_header(r->c, &res->headers, line) != 0)
				return (-1);
		}
		if (rc != 0)
			return (rc < 0 ? -1 : conn_fail(r->c, "the response"
							" ended in its"
							" headers"));
	} while (res->status < 200);
	return (0);
}

/**
 * read_length - one Content-Length field's value
 * @r: the reader, where the length goes
 * @value: the value (up to its '\n')
 *
 * Repeated Content-Length fields must agree: a server that announces two
 * lengths cannot be trusted with either.
 *
 * Return: 0 on success, -1 if it is not a length or they conflict.
 */
static int read_length(struct reader *r, const char *value)
{
	long length;
	char *stop;

	errno = 0;
	length = strtol(value, &stop, 10);
	if (!isdigit((unsigned char)value[0]) || *stop != '\n' || errno != 0)
		return (conn_fail(r->c, "an invalid Content-Length"));
	if (r->length >= 0 && length != r->length)
		return (conn_fail(r->c, "conflicting Content-Length headers"));
	r->length = length;
	return (0);
}

/**
 * read_framing - go once through the headers for the fields that say
 * how the body is framed, and where a redirect leads: Content-Length,
 * Transfer-Encoding, Location
 * @r: the reader, where what they say goes
 * @res: the response
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_framing(struct reader *r, const struct http_response *res)
{
	const char *line = res->headers.data, *end, *next;

	r->length = -1;
	r->encoded = r->chunked = 0;
	r->location = NULL;
	if (line == NULL) /* no header at all */
		return (0);
	end = line + res->headers.len;
	for (; line != NULL && line < end; line = next)
	{
		next = memchr(line, '\n', end - line);
		next = next ? next + 1 : NULL;
		if (strncasecmp(line, "Content-Length: ", 16) == 0 &&
		    read_length(r, line + 16) != 0)
			return (-1);
		if (strncasecmp(line, "Transfer-Encoding: ", 19) == 0 &&
		    !r->encoded)
		{
			r->encoded = 1;
			r->chunked = strncasecmp(line + 19, "chunked\n", 8) == 0;
		}
		if (strncasecmp(line, "Location: ", 10) == 0 && !r->location)
		{
			r->location = line + 10;
			r->location_len = strcspn(r->location, "\n");
		}
	}
	return (0);
}

/**
 * take - move @n bytes from the reader to the body
 * @r: the reader
 * @body: the body
 * @n: how many bytes (they must be in the reader)
 *
 * Return: 0 on success, -1 on failure.
 */
static int take(struct reader *r, struct buf *body, size_t n)
{
	if (body->len + n > BUF_MAX_SIZE)
		return (conn_fail(r->c, "the body is larger than %lu MiB",
				  BUF_MAX_SIZE / 1024 / 1024));
	if (buf_append(body, r->data.data + r->pos, n) != 0)
		return (conn_fail(r->c, "out of memory"));
	r->pos += n;
	r->used += n;
	return (0);
}

/**
 * read_exactly - read @n body bytes (n < 0: up to the end of the stream)
 * @r: the reader
 * @body: where they go
 * @n: how many
 *
 * Return: 0 on success, -1 on failure, 1 if the stream ended too soon.
 */
static int read_exactly(struct reader *r, struct buf *body, long n)
{
	size_t ready;
	ssize_t got = 1;

	while (n != 0)
	{
		ready = r->data.len - r->pos;
		if (n > 0 && ready > (size_t)n)
			ready = n;
		if (ready > 0 && take(r, body, ready) != 0)
			return (-1);
		if (n > 0)
			n -= ready;
		if (n == 0 || (got = more(r)) <= 0)
			break;
	}
	if (got < 0)
		return (-1);
	return (n > 0 ? 1 : 0);
}

/**
 * read_chunked - read a body sent in chunks ("SIZE[;ext]\r\nDATA\r\n"
 * ... "0\r\n" [trailers] "\r\n")
 * @r: the reader
 * @body: where the decoded body goes
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_chunked(struct reader *r, struct buf *body)
{
	unsigned long size = 1;
	char *line, *stop;
	int rc;

	for (;;)
	{
		if ((rc = read_line(r, 1024, BAD_CHUNK, &line)) != 0)
			break;
		errno = 0;
		size = strtoul(line, &stop, 16);
		/* Only hex digits: strtoul() would also take "0x", "+" or
		 * spaces before them.
		 */
		if (stop == line || stop != line + strspn(line, HEX_DIGITS) ||
		    (*stop != '\0' && *stop != ';' && *stop != ' '))
			return (conn_fail(r->c, BAD_CHUNK));
		if (errno != 0)
			return (conn_fail(r->c, "a chunk size too large"));
		if (size > BUF_MAX_SIZE - body->len)
			return (conn_fail(r->c, "the body is larger than"
					  " %lu MiB", BUF_MAX_SIZE >> 20));
		if (size == 0)
			break;
		if ((rc = read_exactly(r, body, (long)size)) != 0 ||
		    (rc = read_line(r, 1024, BAD_CHUNK, &line)) != 0)
			break;
		if (line[0] != '\0')
			return (conn_fail(r->c, "a chunk longer than announced"));
	}
	/* The trailers, up to an empty line. */
	while (rc == 0 && size == 0 &&
	       (rc = read_line(r, HTTP_MAX_HEADERS, HEADERS_TOO_LARGE,
			       &line)) == 0 && line[0] != '\0')
		;
	if (rc == 1)
		return (conn_fail(r->c, "the chunked body ended before its"
				  " last chunk"));
	return (rc);
}

/**
 * read_body - read the body, however it is framed
 * @r: the reader
 * @method: the request's method (a HEAD response has no body)
 * @res: the response
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_body(struct reader *r, const char *method,
		     struct http_response *res)
{
	int rc;

	res->body.len = 0;
	if (strcmp(method, "HEAD") == 0 || res->status == 204 ||
	    res->status == 304)
		return (0);
	if (r->chunked)
		return (read_chunked(r, &res->body));
	if (r->encoded)
		return (conn_fail(r->c, "unsupported Transfer-Encoding"));
	if (r->length > (long)BUF_MAX_SIZE)
		return (conn_fail(r->c, "the body is larger than %lu MiB",
				  BUF_MAX_SIZE / 1024 / 1024));
	rc = read_exactly(r, &res->body, r->length);
	if (rc == 1)
		return (conn_fail(r->c, "the body is shorter than its"
				  " Content-Length (%lu of %ld bytes)",
				  (unsigned long)res->body.len, r->length));
	return (rc);
}

/**
 * read_response - read a whole response: its head, then its body
 * @r: the reader (what it learns of the framing and the Location stays
 *     in it)
 * @method: the request's method (a HEAD response has no body)
 * @res: where the status, headers and body go
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_response(struct reader *r, const char *method,
			 struct http_response *res)
{
	if (read_head(r, res) != 0 || read_framing(r, res) != 0)
		return (-1);
	return (read_body(r, method, res));
}

/**
 * http_read_response - read a whole response from a connection
 * @c: the connection (at the start of a response)
 * @method: the request's method (a HEAD response has no body)
 * @res: where the status, headers and body go
 *
 * Return: 0 on success, -1 on failure (c->err says why).
 */
int http_read_response(struct conn *c, const char *method,
		       struct http_response *res)
{
	struct reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.c = c;
	rc = read_response(&r, method, res);
	buf_free(&r.data);
	return (rc);
}

/**
 * send_request - write the request line, the headers and the body
 * @c: the connection
 * @req: the request (its method and body may differ from the first
 *       request's after a redirect)
 * @u: the URL, parsed
 *
 * Return: 0 on success, -1 on failure.
 */
static int send_request(struct conn *c, const struct http_request *req,
			const struct url *u)
{
	struct buf head;
	int v6 = strchr(u->host, ':') != NULL, rc;

	buf_init(&head);
	rc = buf_printf(&head, "%s %s HTTP/1.1\r\nHost: %s%s%s%s%s\r\n"
			"User-Agent: %s/1.0\r\nAccept: */*\r\n"
			"Connection: close\r\n", req->method, u->target,
			v6 ? "[" : "", u->host, v6 ? "]" : "",
			url_default_port(u) ? "" : ":",
			url_default_port(u) ? "" : u->port, req->agent);
	if (rc == 0)
		rc = buf_printf(&head, "%s\r\n", req->fields ? req->fields : "");
	if (rc != 0)
		rc = conn_fail(c, "out of memory");
	else
		rc = conn_write(c, head.data, head.len);
	if (rc == 0 && req->body != NULL)
		rc = conn_write(c, req->body, req->body_len);
	buf_free(&head);
	return (rc);
}

/**
 * next_request - turn a redirect into the next request, if it is one
 * @c: for errors
 * @req: the request, changed for the next one (POST to GET on 301-303)
 * @url: the current URL, replaced by the redirect's target
 * @status: the response's status
 * @r: the reader of the response, with its Location
 *
 * A redirect without a Location is a broken response: an error.
 *
 * Return: 1 to follow, 0 if the response is the final one, -1 on failure.
 */
static int next_request(struct conn *c, struct http_request *req, char *url,
			int status, const struct reader *r)
{
	char location[URL_MAX], next[URL_MAX];

	if (status != 301 && status != 302 && status != 303 && status != 307 &&
	    status != 308)
		return (0);
	if (r->location == NULL)
		return (conn_fail(c, "a %d redirect without a Location header",
				  status));
	if (r->location_len >= sizeof(location))
		return (conn_fail(c, "a redirect to a URL that is too long"));
	sprintf(location, "%.*s", (int)r->location_len, r->location);
	if (url_resolve(url, location, next, sizeof(next)) != 0)
		return (conn_fail(c, "a redirect to a URL that is too long"));
	if (strncasecmp(next, "http://", 7) != 0 &&
	    strncasecmp(next, "https://", 8) != 0)
		return (conn_fail(c, "a redirect to a URL that is not http://"
				  " or https://: %.60s", next));
	if (status <= 303 && strcmp(req->method, "HEAD") != 0)
	{
		/* The body, and the fields that describe it, go too. */
		req->method = "GET";
		req->fields = NULL;
		req->body = NULL;
		req->body_len = 0;
	}
	strcpy(url, next);
	return (1);
}

/**
 * exchange - one request and its response, on a new connection
 * @c: the connection (opened and closed here)
 * @req: the request (changed for the next one if this is a redirect)
 * @url: its URL (replaced by the redirect's target if it is one)
 * @res: where the response goes
 *
 * Return: 1 if the response is a redirect to follow, 0 if it is the final
 * response, -1 on failure.
 */
static int exchange(struct conn *c, struct http_request *req, char *url,
		    struct http_response *res)
{
	struct reader r;
	struct url u;
	const char *why;
	int rc;

	if (url_parse(url, &u, &why) != 0)
		return (conn_fail(c, "%s: %s", why, url));
	memset(&r, 0, sizeof(r));
	r.c = c;
	c->fd = -1;
	c->ctx = NULL;
	c->ssl = NULL;
	rc = conn_open(c, u.host, u.port,
		       timeout_connect_ms(c->deadline - timeout_now_ms()));
	if (rc == 0 && u.tls)
		rc = conn_start_tls(c, u.host);
	if (rc == 0)
		rc = send_request(c, req, &u);
	if (rc == 0)
		rc = read_response(&r, req->method, res);
	if (rc == 0)
		rc = next_request(c, req, url, res->status, &r);
	buf_free(&r.data);
	conn_close(c);
	return (rc);
}

/**
 * http_fetch - make a request, follow redirects, read the response
 * @req: the request
 * @res: where the final response goes (free it with
 *       http_response_free(), even after a failure)
 * @err: where the reason of a failure goes
 * @err_size: its size
 *
 * Everything must be over within NET_TIMEOUT seconds (default 30).
 *
 * Return: 0 on success (whatever the status), -1 on failure.
 */
int http_fetch(const struct http_request *req, struct http_response *res,
	       char *err, size_t err_size)
{
	struct http_request cur = *req;
	char url[URL_MAX];
	struct conn c;
	long total = timeout_total_ms();
	int redirects = 0, rc;

	memset(res, 0, sizeof(*res));
	c.err = err;
	c.err_size = err_size;
	if (total < 0)
		return (conn_fail(&c, "NET_TIMEOUT must be a number of"
				  " seconds"));
	c.deadline = timeout_now_ms() + total;
	if (strlen(req->url) >= sizeof(url))
		return (conn_fail(&c, "URL too long"));
	strcpy(url, req->url);
	while ((rc = exchange(&c, &cur, url, res)) == 1)
		if (++redirects > HTTP_MAX_REDIRECTS)
			return (conn_fail(&c, "too many redirects (more than"
					  " %d)", HTTP_MAX_REDIRECTS));
	return (rc);
}

/**
 * http_response_free - release what a response holds
 * @res: the response
 */
void http_response_free(struct http_response *res)
{
	buf_free(&res->headers);
	buf_free(&res->body);
}
