/*
 * request.c - read the head of an HTTP/1.1 request (RFC 9112), and the
 * file path in its target.
 *
 * Written in exercise 15 (15-http_server): the student writes this
 * file (lib/server/request.h is its given API). Used by 15,
 * 103-http11_server and 104-fast_server.
 *
 * Strict on purpose: whatever is not in the grammar (a space before a
 * field's colon, a folded field, two Host fields, a Content-Length that
 * is not a number, a control character) is answered 400. A server that
 * guesses where a sloppy request ends may guess differently from a proxy
 * in front of it, and that disagreement is how request smuggling works.
 * One leniency the RFC allows: lines may end in a bare LF, as typed in
 * nc.
 *
 * The parser works in place: it writes a '\0' after each string it keeps,
 * and struct request_head points into the buffer.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "lib/server/request.h"

/**
 * struct fields - what the head's fields said, beyond struct request_head
 * @count: how many fields
 * @close: a Connection field said "close"
 * @keep_alive: a Connection field said "keep-alive"
 * @chunked: there was a Transfer-Encoding field
 * @length: the Content-Length field, or NULL
 */
struct fields
{
	int count;
	int close;
	int keep_alive;
	int chunked;
	char *length;
};

/**
 * is_tchar - is @c allowed in a token (a method, a field name)?
 * @c: the byte
 *
 * Return: 1 if it is, 0 if not.
 */
static int is_tchar(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') ||
		(c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL));
}

/**
 * cut_line - end the line at @nl with a '\0' (dropping a CR before it)
 * @line: the line's first byte
 * @nl: its '\n'
 *
 * Return: 0, or 400 if the line holds a NUL or a CR.
 */
static int cut_line(char *line, char *nl)
{
	size_t len = nl - line;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (memchr(line, '\0', len) != NULL || memchr(line, '\r', len) != NULL)
		return (400);
	line[len] = '\0';
	return (0);
}

/**
 * parse_request_line - "METHOD SP TARGET SP HTTP/1.1"
 * @line: the line, '\0'-terminated
 * @req: where to put the method, the target and the minor version
 *
 * Return: 0, 400 if malformed, or 505 for an HTTP version other than 1.
 */
static int parse_request_line(char *line, struct request_head *req)
{
	unsigned char *p = (unsigned char *)line;

	req->method = line;
	while (is_tchar(*p))
		p++;
	if (p == (unsigned char *)line || *p != ' ')
		return (400);
	*p++ = '\0';
	req->target = (char *)p;
	while (*p > ' ' && *p < 0x7f)
		p++;
	if ((char *)p == req->target || *p != ' ')
		return (400);
	*p++ = '\0';
	if (strncmp((char *)p, "HTTP/", 5) != 0 || p[5] < '0' || p[5] > '9' ||
	    p[6] != '.' || p[7] < '0' || p[7] > '9' || p[8] != '\0')
		return (400);
	if (p[5] != '1')
		return (505);
	req->minor = p[7] - '0';
	return (0);
}

/**
 * connection_tokens - read a Connection field's comma-separated options
 * @value: the field's value
 * @f: where to note "close" and "keep-alive"
 */
static void connection_tokens(const char *value, struct fields *f)
{
	size_t n;

	while (*value != '\0')
	{
		value += strspn(value, " \t,");
		n = strcspn(value, " \t,");
		if (n == 5 && strncasecmp(value, "close", 5) == 0)
			f->close = 1;
		if (n == 10 && strncasecmp(value, "keep-alive", 10) == 0)
			f->keep_alive = 1;
		value += n;
	}
}

/**
 * keep_field - remember the fields the server uses
 * @name: the field's name
 * @value: its value
 * @req: the request
 * @f: the other fields seen so far
 *
 * Return: 0, or 400 for a second Host, or conflicting or non-numeric
 * lengths.
 */
static int keep_field(char *name, char *value, struct request_head *req,
		      struct fields *f)
{
	if (strcasecmp(name, "Host") == 0)
	{
		if (req->host != NULL)
			return (400);
		req->host = value;
	}
	else if (strcasecmp(name, "Content-Length") == 0)
	{
		if (*value == '\0' || value[strspn(value, "0123456789")] != '\0' ||
		    (f->length != NULL && strcmp(f->length, value) != 0))
			return (400);
		f->length = value;
	}
	else if (strcasecmp(name, "Transfer-Encoding") == 0)
		f->chunked = 1;
	else if (strcasecmp(name, "Connection") == 0)
		connection_tokens(value, f);
	return (0);
}

/**
 * parse_field - "Name: value", with optional white space around the value
 * @line: the line, '\0'-terminated
 * @req: the request
 * @f: the other fields seen so far
 *
 * Return: 0, 400 if malformed, 431 if there are too many fields.
 */
static int parse_field(char *line, struct request_head *req, struct fields *f)
{
	char *p = line, *value, *end;
	unsigned char c;

	if (++f->count > REQUEST_MAX_FIELDS)
		return (431);
	while (is_tchar((unsigned char)*p))
		p++;
	/* No name, a space before the colon, or a folded line. */
	if (p == line || *p != ':')
		return (400);
	*p++ = '\0';
	value = p + strspn(p, " \t");
	end = value + strlen(value);
	while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	for (p = value; p < end; p++)
	{
		c = (unsigned char)*p;
		if ((c < ' ' && c != '\t') || c == 0x7f)
			return (400);
	}
	req->fields[req->nfields].name = line;
	req->fields[req->nfields++].value = value;
	return (keep_field(line, value, req, f));
}

/**
 * head_end - find the blank line that ends a request's head
 * @buf: the bytes received
 * @from: where the fields start
 * @len: how many bytes there are
 *
 * Return: the length of the head through the blank line, or 0 if it has
 * not all arrived.
 */
static size_t head_end(const char *buf, size_t from, size_t len)
{
	const char *p = buf + from, *nl;

	while ((nl = memchr(p, '\n', len - (p - buf))) != NULL)
	{
		if (nl == p || (nl == p + 1 && *p == '\r'))
			return (nl + 1 - buf);
		p = nl + 1;
	}
	return (0);
}

/**
 * parse_fields - every field line of a complete head
 * @p: the first field line
 * @end: the end of the head
 * @req: the request
 *
 * Return: 0, or the error status.
 */
static int parse_fields(char *p, char *end, struct request_head *req)
{
	struct fields f;
	char *nl;
	int status;

	memset(&f, 0, sizeof(f));
	while ((nl = memchr(p, '\n', end - p)) != NULL && nl > p &&
	       !(nl == p + 1 && *p == '\r'))
	{
		status = cut_line(p, nl);
		if (status == 0)
			status = parse_field(p, req, &f);
		if (status != 0)
			return (status);
		p = nl + 1;
	}
	/* HTTP/1.1 requires Host; a length and chunking together is the
	 * classic smuggling attempt.
	 */
	if ((req->minor >= 1 && req->host == NULL) || (f.chunked && f.length))
		return (400);
	req->has_body = f.chunked ||
		(f.length != NULL && f.length[strspn(f.length, "0")] != '\0');
	req->keep_alive = !f.close && (req->minor >= 1 || f.keep_alive);
	return (0);
}

/**
 * request_parse - read a request's head from what a client sent
 * @buf: the bytes received (written to: see above)
 * @len: how many; at most REQUEST_MAX_HEAD are looked at
 * @req: filled in when the head is complete
 *
 * Empty lines before the request line are skipped, as RFC 9112 asks.
 *
 * Return: 0 when @req holds a complete head (of req->head_len bytes),
 * REQUEST_INCOMPLETE if more bytes are needed, or the status to answer
 * with: 400 (malformed), 414 (request line longer than REQUEST_MAX_LINE),
 * 431 (head longer than REQUEST_MAX_HEAD, or too many fields), 505 (HTTP
 * version).
 */
int request_parse(char *buf, size_t len, struct request_head *req)
{
	size_t start = 0, end;
	char *nl;
	int status;

	if (len > REQUEST_MAX_HEAD)
		len = REQUEST_MAX_HEAD;
	while (start < len && (buf[start] == '\n' ||
			       (buf[start] == '\r' && start + 1 < len &&
				buf[start + 1] == '\n')))
		start += buf[start] == '\r' ? 2 : 1;
	nl = memchr(buf + start, '\n', len - start);
	if ((nl == NULL ? len : (size_t)(nl - buf)) - start > REQUEST_MAX_LINE)
		return (414);
	end = nl == NULL ? 0 : head_end(buf, nl + 1 - buf, len);
	if (end == 0)
		return (len == REQUEST_MAX_HEAD ? 431 : REQUEST_INCOMPLETE);
	/* Not the fields: 1.6 KiB to clear for each request, for nothing. */
	memset(req, 0, offsetof(struct request_head, fields));
	req->head_len = end;
	status = cut_line(buf + start, nl);
	if (status == 0)
		status = parse_request_line(buf + start, req);
	if (status == 0)
		status = parse_fields(nl + 1, buf + end, req);
	return (status);
}

/**
 * hex_value - the value of a hexadecimal digit
 * @c: the digit
 *
 * Return: 0 to 15, or -1 if @c is not one.
 */
static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/**
 * dot_segment - is this path segment "." or ".."?
 * @seg: the segment
 * @len: its length
 *
 * Return: 1 if it is, 0 if not.
 */
static int dot_segment(const char *seg, size_t len)
{
	return ((len == 1 && seg[0] == '.') ||
		(len == 2 && seg[0] == '.' && seg[1] == '.'));
}

/**
 * path_start - skip "http://host" in a target in absolute form
 * @target: the request target
 *
 * Return: where the path starts.
 */
static const char *path_start(const char *target)
{
	const char *p = NULL;

	if (strncasecmp(target, "http://", 7) == 0)
		p = target + 7;
	else if (strncasecmp(target, "https://", 8) == 0)
		p = target + 8;
	if (p == NULL)
		return (target);
	p += strcspn(p, "/?#");
	return (*p == '/' ? p : "/");
}

/**
 * request_path - the file path a request target names
 * @target: the target, such as "/docs/a%20b.txt?x=1"
 * @path: where to write the path, relative and decoded ("docs/a b.txt");
 *        "" for the top, and a trailing '/' is kept ("docs/")
 * @size: the size of @path
 *
 * The query is dropped, %XX sequences are decoded, and repeated slashes
 * are merged. The checks come after decoding, so "%2e%2e%2f" is seen for
 * what it is: "../".
 *
 * Return: 0, or the status to answer with: 400 (not a path, a bad %
 * sequence, a control character such as %00), 403 (a "." or ".."
 * segment, or a backslash), 414 (longer than @size allows).
 */
int request_path(const char *target, char *path, size_t size)
{
	const char *p = path_start(target);
	size_t n = 0, seg = 0;
	int c;

	if (*p != '/')
		return (400);
	for (; *p != '\0' && *p != '?' && *p != '#'; p++)
	{
		c = (unsigned char)*p;
		if (c == '%')
		{
			if (hex_value(p[1]) < 0 || hex_value(p[2]) < 0)
				return (400);
			c = hex_value(p[1]) * 16 + hex_value(p[2]);
			p += 2;
		}
		if (c < ' ' || c == 0x7f)
			return (400);
		if (c == '\\' || (c == '/' && dot_segment(path + seg, n - seg)))
			return (403);
		if (c == '/' && n == seg)
			continue;
		if (n + 2 > size)
			return (414);
		path[n++] = (char)c;
		if (c == '/')
			seg = n;
	}
	if (dot_segment(path + seg, n - seg))
		return (403);
	path[n] = '\0';
	return (0);
}
