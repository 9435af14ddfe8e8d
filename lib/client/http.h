#ifndef LIB_CLIENT_HTTP_H
#define LIB_CLIENT_HTTP_H

/* Written in exercise 4: the API of lib/client/http.c (given). */

#include <stddef.h>

#include "lib/buf.h"

/* The largest header block a response may have, and the error past it. */
#define HTTP_MAX_HEADERS (64 * 1024)
#define HTTP_HEADERS_TOO_LARGE "the response's headers are larger than 64 KiB"
/* How many redirects are followed. */
#define HTTP_MAX_REDIRECTS 10
/* How much of the status line is kept. */
#define HTTP_STATUS_LINE_SIZE 256

/**
 * struct http_request - what to ask
 * @method: "GET" or "POST"
 * @url: an http:// or https:// URL
 * @agent: the program's name, sent as User-Agent: NAME/1.0
 * @fields: more header fields, each "Name: value\r\n" (such as a body's
 *          Content-Type and Content-Length), or NULL
 * @body: the body, sent as it is after the head, or NULL
 * @body_len: its length
 *
 * A 301, 302 or 303 redirect turns the request into a GET without
 * @fields and @body (307 and 308 keep them).
 */
struct http_request
{
	const char *method;
	const char *url;
	const char *agent;
	const char *fields;
	const char *body;
	size_t body_len;
};

/**
 * struct http_response - what came back (after any redirects)
 * @status: the status code, such as 200
 * @status_line: the status line, such as "HTTP/1.1 200 OK" (without its
 *               CRLF; its first HTTP_STATUS_LINE_SIZE - 1 bytes)
 * @headers: the header lines, each "Name: value\n" (folded lines joined,
 *           spaces around the value dropped)
 * @body: the body, decoded from chunks if it was chunked
 */
struct http_response
{
	int status;
	char status_line[HTTP_STATUS_LINE_SIZE];
	struct buf headers;
	struct buf body;
};

struct conn;

int http_fetch(const struct http_request *req, struct http_response *res,
	       char *err, size_t err_size);
int http_read_response(struct conn *c, const char *method,
		       struct http_response *res);
void http_response_free(struct http_response *res);

#endif /* LIB_CLIENT_HTTP_H */
