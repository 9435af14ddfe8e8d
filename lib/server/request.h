#ifndef LIB_SERVER_REQUEST_H
#define LIB_SERVER_REQUEST_H

/* Written in exercise 15: the API of lib/server/request.c (given). */

#include <stddef.h>

/* Limits on what a client may send before the server gives up on it. */
#define REQUEST_MAX_LINE 8192	/* a longer request line: 414 */
#define REQUEST_MAX_HEAD 16384	/* a longer head (line and fields): 431 */
#define REQUEST_MAX_FIELDS 100	/* more header fields: 431 */

/* request_parse() found the head not complete yet: read more. */
#define REQUEST_INCOMPLETE 1

/**
 * struct request_field - one field of a request's head
 * @name: its name, such as "If-None-Match"
 * @value: its value
 */
struct request_field
{
	char *name;
	char *value;
};

/**
 * struct request_head - what the server needs from a request's head
 * @method: the method, such as "GET"
 * @target: the request target as sent, such as "/a%20b?x=1"
 * @minor: the HTTP minor version: 1 for HTTP/1.1, 0 for HTTP/1.0
 * @host: the Host field, or NULL
 * @keep_alive: 1 if the connection may stay open after the answer
 * @has_body: 1 if a body follows the head (Content-Length above 0, or a
 *            Transfer-Encoding): the server does not read bodies, so it
 *            closes the connection after answering
 * @head_len: bytes of the head, blank line included
 * @nfields: how many fields the head has
 * @fields: every field, in the order sent: its name as sent (any case)
 *          and its value, without the white space around it
 *
 * The strings point into the buffer given to request_parse(), which
 * writes a '\0' after each of them. The fields a server reads beyond
 * these (If-Modified-Since, Range, ...) it finds in @fields itself: the
 * parser keeps them all, and knows only the ones that frame the request.
 */
struct request_head
{
	char *method;
	char *target;
	int minor;
	char *host;
	int keep_alive;
	int has_body;
	size_t head_len;
	size_t nfields;
	struct request_field fields[REQUEST_MAX_FIELDS];
};

int request_parse(char *buf, size_t len, struct request_head *req);
int request_path(const char *target, char *path, size_t size);

#endif /* LIB_SERVER_REQUEST_H */
