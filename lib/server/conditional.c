/*
 * conditional.c - conditional requests and byte ranges (RFC 9110,
 * sections 13 and 14): which answer a GET of a file gets when the client
 * already holds a version of it, or wants only part of it.
 *
 * Written in exercise 103 (103-http11_server): the student writes this
 * file (lib/server/conditional.h is its given API). Used by 103 and
 * 104-fast_server.
 *
 * A file's version is told two ways: its modification time
 * (Last-Modified) and its entity tag (ETag), made here of the time and
 * the size. A client asks "only if changed" (If-None-Match,
 * If-Modified-Since: 304 Not Modified, no body) or "only if unchanged"
 * (If-Match, If-Unmodified-Since: 412 Precondition Failed), and a part of
 * the file with Range (206 Partial Content, or 416 if the range holds no
 * byte of it).
 */
#define _GNU_SOURCE /* strptime, timegm */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/server/conditional.h"

/**
 * field - the value of the first field named @name, whatever its case
 * @req: the request
 * @name: the field's name
 *
 * The parser (lib/server/request.c, 15) keeps every field; the ones that
 * make a request conditional are found here, where they are used.
 *
 * Return: the value, or NULL if the request has no such field.
 */
static const char *field(const struct request_head *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nfields; i++)
		if (strcasecmp(req->fields[i].name, name) == 0)
			return (req->fields[i].value);
	return (NULL);
}

/**
 * http_time - read a date in the HTTP format
 * @text: the date, such as "Thu, 02 Jan 2020 03:04:05 GMT"
 * @t: where to put the time
 *
 * Return: 0, or -1 if it is not such a date.
 */
static int http_time(const char *text, time_t *t)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return (-1);
	*t = timegm(&tm);
	return (0);
}

/**
 * conditional_tag - a file's entity tag, made of its modification time
 * and size (as nginx makes it): a new version gets a new tag
 * @tag: where to write it (CONDITIONAL_TAG_SIZE bytes)
 * @st: what fstat() said of the file
 */
void conditional_tag(char *tag, const struct stat *st)
{
	sprintf(tag, "\"%lx-%lx\"", (unsigned long)st->st_mtime,
		(unsigned long)st->st_size);
}

/**
 * tag_listed - is a file's tag in an If-Match or If-None-Match list?
 * @list: the field's value: "*", or quoted tags separated by commas
 * @tag: the file's tag
 * @weak: 1 to compare weakly (a "W/" before a tag does not matter), as
 *        If-None-Match does; 0 to compare strongly, as If-Match does
 *
 * Return: 1 if it is, 0 if not (or the list cannot be read).
 */
static int tag_listed(const char *list, const char *tag, int weak)
{
	const char *end;
	int is_weak;

	if (strcmp(list, "*") == 0)
		return (1);
	while (*(list += strspn(list, " \t,")) != '\0')
	{
		is_weak = strncmp(list, "W/", 2) == 0;
		list += is_weak ? 2 : 0;
		end = *list == '"' ? strchr(list + 1, '"') : NULL;
		if (end == NULL)
			return (0);
		if ((weak || !is_weak) && (size_t)(end + 1 - list) == strlen(tag) &&
		    strncmp(list, tag, end + 1 - list) == 0)
			return (1);
		list = end + 1;
	}
	return (0);
}

/**
 * conditional_check - the conditional fields, in RFC 9110's order
 * (13.2.2)
 * @req: the request (GET or HEAD)
 * @st: what fstat() said of the file
 * @tag: the file's entity tag
 *
 * If-Match decides, else If-Unmodified-Since; then If-None-Match decides,
 * else If-Modified-Since. A date that cannot be read is ignored.
 *
 * Return: 0 to answer as usual, 412 (Precondition Failed) or 304 (Not
 * Modified).
 */
int conditional_check(const struct request_head *req, const struct stat *st,
		      const char *tag)
{
	const char *if_match = field(req, "If-Match");
	const char *if_unmodified_since = field(req, "If-Unmodified-Since");
	const char *if_none_match = field(req, "If-None-Match");
	const char *if_modified_since = field(req, "If-Modified-Since");
	time_t t;

	if (if_match != NULL)
	{
		if (!tag_listed(if_match, tag, 0))
			return (412);
	}
	else if (if_unmodified_since != NULL &&
		 http_time(if_unmodified_since, &t) == 0 && st->st_mtime > t)
		return (412);
	if (if_none_match != NULL)
		return (tag_listed(if_none_match, tag, 1) ? 304 : 0);
	if (if_modified_since != NULL &&
	    http_time(if_modified_since, &t) == 0 && st->st_mtime <= t)
		return (304);
	return (0);
}

/**
 * range_applies - may the Range field be honoured? Not if If-Range names
 * another version of the file than this one (RFC 9110, 13.1.5): a client
 * resuming a download of a file that changed must get all of it.
 * @req: the request
 * @st: what fstat() said of the file
 * @tag: the file's entity tag
 *
 * Return: 1 if it may, 0 if the whole file is to be sent.
 */
static int range_applies(const struct request_head *req, const struct stat *st,
			 const char *tag)
{
	const char *if_range = field(req, "If-Range");
	time_t t;

	if (if_range == NULL)
		return (1);
	if (if_range[0] == '"')
		return (strcmp(if_range, tag) == 0);
	return (http_time(if_range, &t) == 0 && t == st->st_mtime);
}

/**
 * read_number - read decimal digits, stopping at a huge value
 * @p: the text; moved past the digits
 * @n: where to put the number
 *
 * Return: 1 if there was at least one digit, 0 if not.
 */
static int read_number(const char **p, off_t *n)
{
	const char *start = *p;

	*n = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++)
		if (*n < ((off_t)1 << 52))
			*n = *n * 10 + (**p - '0');
	return (*p > start);
}

/**
 * parse_range - the bytes a Range field asks for
 * @range: the field's value, or NULL
 * @size: the file's size
 * @first: where to put the first byte's offset
 * @last: where to put the last byte's offset
 *
 * Only one range ("bytes=0-99", "bytes=100-", "bytes=-100") is served; a
 * field asking for several, or one that cannot be read, is ignored, which
 * RFC 9110 allows.
 *
 * Return: 206 with *first and *last set, 200 to send the whole file, or
 * 416 if the range holds no byte of the file.
 */
static int parse_range(const char *range, off_t size, off_t *first,
		       off_t *last)
{
	const char *p = range;
	off_t a, b;

	if (p == NULL || strncasecmp(p, "bytes=", 6) != 0 || strchr(p, ','))
		return (200);
	p += 6;
	if (*p == '-')
	{
		p++;
		if (!read_number(&p, &b) || *p != '\0')
			return (200);
		if (b == 0 || size == 0)
			return (416);
		*first = b < size ? size - b : 0;
		*last = size - 1;
		return (206);
	}
	if (!read_number(&p, &a) || *p++ != '-')
		return (200);
	if (!read_number(&p, &b))
		b = (off_t)1 << 62; /* "100-": to the end */
	if (*p != '\0' || b < a)
		return (200);
	if (a >= size)
		return (416);
	*first = a;
	*last = b < size ? b : size - 1;
	return (206);
}

/**
 * conditional_range - the part of a file to send
 * @req: the request (GET or HEAD), which conditional_check() let through
 * @st: what fstat() said of the file
 * @tag: the file's entity tag
 * @first: where to put the first byte's offset
 * @last: where to put the last byte's offset
 *
 * Return: 206 with *first and *last set, 200 with them set to the whole
 * file, or 416 if the range holds no byte of the file.
 */
int conditional_range(const struct request_head *req, const struct stat *st,
		      const char *tag, off_t *first, off_t *last)
{
	*first = 0;
	*last = st->st_size - 1;
	if (!range_applies(req, st, tag))
		return (200);
	return (parse_range(field(req, "Range"), st->st_size, first, last));
}
