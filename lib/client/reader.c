/*
 * reader.c - the bytes of a response, as they arrive: by line for its head
 * and its chunk sizes, by count (or up to the end) for its body
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/reader.h is its given API). Used by 4-7, through
 * lib/client/http.c (the head) and lib/client/body.c (the body).
 *
 * TCP delivers bytes, not lines: recv() may return half a line, or a line
 * and half the body. So what arrives is kept in a buffer, and taken from
 * it as the response's grammar asks. Every limit is checked before the
 * buffer grows: a server that never sends a newline, or sends more than
 * it announced, is an error, never unbounded memory.
 */
#include <string.h>

#include "lib/client/reader.h"

/**
 * reader_more - receive more bytes into the reader
 * @r: the reader
 *
 * Return: how many arrived, 0 at the end of the stream, -1 on failure.
 */
ssize_t reader_more(struct reader *r)
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
 * reader_line - the next line, ending in "\n" (a "\r" before it is dropped)
 * @r: the reader
 * @max: the longest line allowed
 * @too_long: the error when a line is longer
 * @line: set to the line, '\0'-terminated in place
 *
 * Return: 0 on success, -1 on failure, 1 if the stream ended first.
 */
int reader_line(struct reader *r, size_t max, const char *too_long,
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
		n = reader_more(r);
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
 * reader_bytes - read @n body bytes (n < 0: up to the end of the stream)
 * @r: the reader
 * @body: where they go
 * @n: how many
 *
 * Return: 0 on success, -1 on failure, 1 if the stream ended too soon.
 */
int reader_bytes(struct reader *r, struct buf *body, long n)
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
		if (n == 0 || (got = reader_more(r)) <= 0)
			break;
	}
	if (got < 0)
		return (-1);
	return (n > 0 ? 1 : 0);
}
