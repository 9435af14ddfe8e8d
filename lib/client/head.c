/*
 * head.c - the head of an HTTP/1.1 response (RFC 9112, sections 4 and
 * 5): its status line and its header fields
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/head.h is its given API). Used by 4-7, through
 * lib/client/http.c.
 *
 *   HTTP/1.1 200 OK\r\n                  the status line: version, code
 *   Content-Type: text/plain\r\n         fields, "Name: value", one per
 *   Content-Length: 2\r\n                line, any case
 *   \r\n                                 an empty line: the body follows
 *
 * Interim responses (1xx) come before the real one and are skipped. A
 * field's value loses the spaces around it; a line that starts with a
 * space continues the field before it (obsolete, still sent). Whatever
 * breaks the grammar, or a head over HTTP_MAX_HEADERS bytes, is an error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/client/head.h"

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
 * head_read - read the status line and the header fields of a response
 * @r: the reader, at the response's first byte
 * @res: where the status, the status line and the headers go
 *
 * Interim responses (1xx) are skipped.
 *
 * Return: 0 on success, -1 on failure.
 */
int head_read(struct reader *r, struct http_response *res)
{
	size_t start;
	char *line;
	int rc;

	do {
		start = r->used;
		rc = reader_line(r, HTTP_MAX_HEADERS, HTTP_HEADERS_TOO_LARGE, &line);
		if (rc == 1)
			return (conn_fail(r->c, r->data.len == 0 ? "the server"
					  " closed the connection without"
					  " answering" : "the response ended"
					  " in its status line"));
		if (rc != 0 || parse_status(r->c, line, &res->status) != 0)
			return (-1);
		snprintf(res->status_line, sizeof(res->status_line), "%s", line);
		res->headers.len = 0;
		while ((rc = reader_line(r, HTTP_MAX_HEADERS, HTTP_HEADERS_TOO_LARGE,
				       &line)) == 0 && line[0] != '\0')
		{
			if (r->used - start > HTTP_MAX_HEADERS)
				return (conn_fail(r->c, HTTP_HEADERS_TOO_LARGE));
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
 * head_field - find a header field of a response by its name
 * @headers: the header lines head_read() kept, each "Name: value\n"
 * @name: the field's name, in any case ("content-length" is the same)
 * @from: where to start, in bytes into @headers (0: from the first line);
 *        moved past the field found, so that a loop finds each in turn
 * @len: set to the value's length
 *
 * The name must be followed by its colon: "X-Id-2" is not "X-Id".
 *
 * Return: the value (it ends at a '\n'), or NULL if there is no more
 * such field.
 */
const char *head_field(const struct buf *headers, const char *name,
		       size_t *from, size_t *len)
{
	const char *line, *end, *next;
	size_t n = strlen(name);

	if (headers->data == NULL || *from >= headers->len)
		return (NULL);
	end = headers->data + headers->len;
	for (line = headers->data + *from; line < end; line = next)
	{
		next = memchr(line, '\n', end - line);
		next = next ? next + 1 : end;
		if ((size_t)(next - line) > n + 1 && line[n] == ':' &&
		    strncasecmp(line, name, n) == 0)
		{
			*from = next - headers->data;
			*len = strcspn(line + n + 2, "\n");
			return (line + n + 2);
		}
	}
	*from = headers->len;
	return (NULL);
}
