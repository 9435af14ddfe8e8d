#ifndef LIB_HTTP_H
#define LIB_HTTP_H

/* Written in exercise 4: the API of lib/client/http.c (given). */

#include <stddef.h>

#include "lib/buf.h"

/* The largest header block a response may have. */
#define HTTP_MAX_HEADERS (64 * 1024)
/* How many redirects are followed. */
#define HTTP_MAX_REDIRECTS 10

/**
 * struct http_request - what to ask
 * @method: "GET" or "POST"
 * @url: an http:// or https:// URL
 * @agent: the program's name, sent as User-Agent: NAME/1.0
 * @content_type: the body's type, or NULL when there is no body
 * @body: the body (POST)
 * @body_len: its length
 */
struct http_request
{
	const char *method;
	const char *url;
	const char *agent;
	const char *content_type;
	const char *body;
	size_t body_len;
};

/**
 * struct http_response - what came back (after any redirects)
 * @status: the status code, such as 200
 * @headers: the header lines, each "Name: value\n" (folded lines joined)
 * @body: the body, decoded from chunks if it was chunked
 */
struct http_response
{
	int status;
	struct buf headers;
	struct buf body;
};

struct conn;

int http_fetch(const struct http_request *req, struct http_response *res,
	       char *err, size_t err_size);
int http_read_response(struct conn *c, const char *method,
		       struct http_response *res);
const char *http_header(const struct http_response *res, const char *name,
			size_t *len);
void http_response_free(struct http_response *res);

#endif /* LIB_HTTP_H */
