#ifndef LIB_REQUEST_H
#define LIB_REQUEST_H

/* Written in exercise 15: the API of lib/server/request.c (given). */

#include <stddef.h>

/* Limits on what a client may send before the server gives up on it. */
#define REQUEST_MAX_LINE 8192	/* a longer request line: 414 */
#define REQUEST_MAX_HEAD 16384	/* a longer head (line and fields): 431 */
#define REQUEST_MAX_FIELDS 100	/* more header fields: 431 */

/* request_parse() found the head not complete yet: read more. */
#define REQUEST_INCOMPLETE 1

/**
 * struct request_head - what the server needs from a request's head
 * @method: the method, such as "GET"
 * @target: the request target as sent, such as "/a%20b?x=1"
 * @minor: the HTTP minor version: 1 for HTTP/1.1, 0 for HTTP/1.0
 * @host: the Host field, or NULL
 * @if_modified_since: the If-Modified-Since field, or NULL
 * @if_unmodified_since: the If-Unmodified-Since field, or NULL
 * @if_match: the If-Match field, or NULL
 * @if_none_match: the If-None-Match field, or NULL
 * @range: the Range field, or NULL
 * @if_range: the If-Range field, or NULL
 * @keep_alive: 1 if the connection may stay open after the answer
 * @has_body: 1 if a body follows the head (Content-Length above 0, or a
 *            Transfer-Encoding): the server does not read bodies, so it
 *            closes the connection after answering
 * @head_len: bytes of the head, blank line included
 *
 * The strings point into the buffer given to request_parse(), which
 * writes a '\0' after each of them. Of a field sent twice, the first
 * counts (Host and Content-Length are checked for conflicts).
 */
struct request_head
{
	char *method;
	char *target;
	int minor;
	char *host;
	char *if_modified_since;
	char *if_unmodified_since;
	char *if_match;
	char *if_none_match;
	char *range;
	char *if_range;
	int keep_alive;
	int has_body;
	size_t head_len;
};

int request_parse(char *buf, size_t len, struct request_head *req);
int request_path(const char *target, char *path, size_t size);

#endif /* LIB_REQUEST_H */
