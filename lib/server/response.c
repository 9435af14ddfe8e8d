/*
 * response.c - the words of an HTTP answer: the reason phrase of a status,
 * dates as HTTP and the access log write them, the Location of a redirect,
 * and the line of the access log.
 *
 * Written in exercise 15 (15-http_server): the student writes this file
 * (lib/server/response.h is its given API). Used by 15,
 * 103-http11_server and 104-fast_server.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "lib/server/files.h"
#include "lib/server/response.h"

/**
 * response_reason - the reason phrase of a status code (RFC 9110)
 * @status: the status code
 *
 * Return: the phrase; "Internal Server Error" for a code not listed.
 */
const char *response_reason(int status)
{
	switch (status)
	{
	case 200: return ("OK");
	case 206: return ("Partial Content");
	case 301: return ("Moved Permanently");
	case 304: return ("Not Modified");
	case 400: return ("Bad Request");
	case 403: return ("Forbidden");
	case 404: return ("Not Found");
	case 405: return ("Method Not Allowed");
	case 408: return ("Request Timeout");
	case 412: return ("Precondition Failed");
	case 414: return ("URI Too Long");
	case 416: return ("Range Not Satisfiable");
	case 431: return ("Request Header Fields Too Large");
	case 501: return ("Not Implemented");
	case 503: return ("Service Unavailable");
	case 505: return ("HTTP Version Not Supported");
	default: return ("Internal Server Error");
	}
}

/**
 * response_date - a time as HTTP writes it: "Thu, 02 Jan 2020 03:04:05 GMT"
 * @s: where to write it (RESPONSE_DATE_SIZE bytes)
 * @t: the time
 */
void response_date(char *s, time_t t)
{
	struct tm tm;

	strftime(s, RESPONSE_DATE_SIZE, "%a, %d %b %Y %H:%M:%S GMT",
		 gmtime_r(&t, &tm));
}

/**
 * response_log_date - a time as the common log format writes it:
 * "02/Jan/2020:03:04:05 +0000"
 * @s: where to write it (RESPONSE_DATE_SIZE bytes)
 * @t: the time
 */
void response_log_date(char *s, time_t t)
{
	struct tm tm;

	strftime(s, RESPONSE_DATE_SIZE, "%d/%b/%Y:%H:%M:%S +0000",
		 gmtime_r(&t, &tm));
}

/**
 * response_location - the Location field of a redirect to a directory's
 * name with a slash after it
 * @field: where to write "Location: /path/?query\r\n"
 * @path: the directory's path, decoded and relative to DIR
 * @target: the request's target, for its query
 *
 * The Location is made from the decoded path, %-encoded again, never
 * from the target as sent: "//evil.example" would be a link to another
 * host, and a relative path always starts with one '/'.
 *
 * Return: 0, or -1 if memory ran out.
 */
int response_location(struct buf *field, const char *path,
		      const char *target)
{
	const char *query = strchr(target, '?');

	if (buf_printf(field, "Location: /") != 0 ||
	    add_escaped(field, path, 1) != 0 ||
	    buf_printf(field, "/%s\r\n", query ? query : "") != 0)
		return (-1);
	return (0);
}

/**
 * response_peer - a client's address as the access log shows it
 * @peer: the address accept() gave, IPv4 or IPv6
 * @text: RESPONSE_PEER_SIZE bytes: "127.0.0.1", "::1", or "-" for an
 *        address of another family
 *
 * inet_ntop() writes both families; the older inet_ntoa() knows IPv4 only.
 */
void response_peer(const struct sockaddr_storage *peer, char *text)
{
	const void *addr = NULL;

	if (peer->ss_family == AF_INET)
		addr = &((const struct sockaddr_in *)peer)->sin_addr;
	else if (peer->ss_family == AF_INET6)
		addr = &((const struct sockaddr_in6 *)peer)->sin6_addr;
	if (addr == NULL ||
	    inet_ntop(peer->ss_family, addr, text, RESPONSE_PEER_SIZE) == NULL)
		strcpy(text, "-");
}

/**
 * put - copy a string into a line being built
 * @p: where it goes
 * @s: the string
 *
 * Return: the end of what was written.
 */
static char *put(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return (p + n);
}

/**
 * put_number - write a number of 0 or more in decimal into a line
 * @p: where it goes
 * @n: the number
 *
 * Return: the end of what was written.
 */
static char *put_number(char *p, long n)
{
	char digits[24];
	int i = 0;

	do {
		digits[i++] = '0' + n % 10;
		n /= 10;
	} while (n > 0);
	while (i > 0)
		*p++ = digits[--i];
	return (p);
}

/**
 * response_log - one line of the access log on stdout, in the common log
 * format: who, when, the request line, the status, the body's size
 * @peer: the client's address, from response_peer()
 * @when: the time, from response_log_date()
 * @req: the request, or NULL if it could not be read ("-")
 * @status: the answer's status
 * @bytes: bytes of body sent ("-" for none)
 *
 * The line is built by hand, not by printf(): printf reads its format
 * at every call, and for 104-fast_server, which answers a request in a
 * few microseconds, that was a tenth of its time (bench/http_server.sh).
 * The request line is at most REQUEST_MAX_LINE bytes, so the line fits.
 */
void response_log(const char *peer, const char *when,
		  const struct request_head *req, int status, long bytes)
{
	char line[REQUEST_MAX_LINE + RESPONSE_PEER_SIZE + RESPONSE_DATE_SIZE + 64];
	char *p = line;

	p = put(p, peer);
	p = put(p, " - - [");
	p = put(p, when);
	p = put(p, "] \"");
	if (req == NULL)
		*p++ = '-';
	else
	{
		p = put(p, req->method);
		*p++ = ' ';
		p = put(p, req->target);
		p = put(p, " HTTP/1.");
		*p++ = '0' + req->minor; /* one digit (request_parse) */
	}
	p = put(p, "\" ");
	p = put_number(p, status);
	*p++ = ' ';
	if (bytes > 0)
		p = put_number(p, bytes);
	else
		*p++ = '-';
	*p++ = '\n';
	fwrite(line, 1, p - line, stdout);
}
