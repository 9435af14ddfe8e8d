/*
 * body.c - the body of an HTTP/1.1 response (RFC 9112, section 6): where
 * it ends
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/body.h is its given API). Used by 4-7, through
 * lib/client/http.c.
 *
 * A body ends where its head says: after Content-Length bytes; after its
 * last chunk if Transfer-Encoding is chunked (each chunk is its size in
 * hexadecimal on a line, then its bytes, then an empty line; a chunk of
 * size 0 ends the body, and trailers may follow); else when the server
 * closes the connection. HEAD, 204 and 304 have no body. The server is
 * not trusted: two different lengths, a size that is not hexadecimal, a
 * body longer than BUF_MAX_SIZE or shorter than announced is an error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/client/body.h"
#include "lib/client/head.h"

#define BAD_CHUNK "an invalid chunk size"
#define HEX_DIGITS "0123456789abcdefABCDEF"

/**
 * struct framing - what the head says of where the body ends
 * @length: its Content-Length, or -1 if it has none
 * @encoded: it has a Transfer-Encoding field
 * @chunked: its first Transfer-Encoding field says "chunked"
 */
struct framing
{
	long length;
	int encoded;
	int chunked;
};

/**
 * read_length - one Content-Length field's value
 * @r: the reader, for errors
 * @f: the framing, where the length goes
 * @value: the value (up to its '\n')
 *
 * Repeated Content-Length fields must agree: a server that announces two
 * lengths cannot be trusted with either.
 *
 * Return: 0 on success, -1 if it is not a length or they conflict.
 */
static int read_length(struct reader *r, struct framing *f,
		       const char *value)
{
	long length;
	char *stop;

	errno = 0;
	length = strtol(value, &stop, 10);
	if (!isdigit((unsigned char)value[0]) || *stop != '\n' || errno != 0)
		return (conn_fail(r->c, "an invalid Content-Length"));
	if (f->length >= 0 && length != f->length)
		return (conn_fail(r->c, "conflicting Content-Length headers"));
	f->length = length;
	return (0);
}

/**
 * read_framing - the fields that say how the body is framed:
 * Content-Length (each of them), Transfer-Encoding (the first)
 * @r: the reader, for errors
 * @res: the response
 * @f: where what they say goes
 *
 * Return: 0 on success, -1 on failure.
 */
static int read_framing(struct reader *r, const struct http_response *res,
			struct framing *f)
{
	const char *value;
	size_t from = 0, len;

	f->length = -1;
	while ((value = head_field(&res->headers, "Content-Length", &from,
				   &len)) != NULL)
		if (read_length(r, f, value) != 0)
			return (-1);
	from = 0;
	value = head_field(&res->headers, "Transfer-Encoding", &from, &len);
	f->encoded = value != NULL;
	f->chunked = f->encoded && len == 7 &&
		strncasecmp(value, "chunked", 7) == 0;
	return (0);
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
		if ((rc = reader_line(r, 1024, BAD_CHUNK, &line)) != 0)
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
		if ((rc = reader_bytes(r, body, (long)size)) != 0 ||
		    (rc = reader_line(r, 1024, BAD_CHUNK, &line)) != 0)
			break;
		if (line[0] != '\0')
			return (conn_fail(r->c, "a chunk longer than announced"));
	}
	/* The trailers, up to an empty line. */
	while (rc == 0 && size == 0 &&
	       (rc = reader_line(r, HTTP_MAX_HEADERS, HTTP_HEADERS_TOO_LARGE,
			       &line)) == 0 && line[0] != '\0')
		;
	if (rc == 1)
		return (conn_fail(r->c, "the chunked body ended before its"
				  " last chunk"));
	return (rc);
}

/**
 * body_read - read the body of a response whose head is read, however it
 * is framed
 * @r: the reader, at the body's first byte
 * @method: the request's method (a HEAD response has no body)
 * @res: the response: its status and headers; the body goes there
 *
 * Return: 0 on success, -1 on failure.
 */
int body_read(struct reader *r, const char *method,
	      struct http_response *res)
{
	struct framing f;
	int rc;

	res->body.len = 0;
	if (strcmp(method, "HEAD") == 0 || res->status == 204 ||
	    res->status == 304)
		return (0);
	if (read_framing(r, res, &f) != 0)
		return (-1);
	if (f.chunked)
		return (read_chunked(r, &res->body));
	if (f.encoded)
		return (conn_fail(r->c, "unsupported Transfer-Encoding"));
	if (f.length > (long)BUF_MAX_SIZE)
		return (conn_fail(r->c, "the body is larger than %lu MiB",
				  BUF_MAX_SIZE / 1024 / 1024));
	rc = reader_bytes(r, &res->body, f.length);
	if (rc == 1)
		return (conn_fail(r->c, "the body is shorter than its"
				  " Content-Length (%lu of %ld bytes)",
				  (unsigned long)res->body.len, f.length));
	return (rc);
}
