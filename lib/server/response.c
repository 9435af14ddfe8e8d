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
 * response_log - one line of the access log on stdout, in the common log
 * format: who, when, the request line, the status, the body's size
 * @peer: the client's address, from response_peer()
 * @when: the time, from response_log_date()
 * @req: the request, or NULL if it could not be read ("-")
 * @status: the answer's status
 * @bytes: bytes of body sent ("-" for none)
 */
void response_log(const char *peer, const char *when,
		  const struct request_head *req, int status, long bytes)
{
	char size[24] = "-";

	if (bytes > 0)
		sprintf(size, "%ld", bytes);
	if (req == NULL)
		printf("%s - - [%s] \"-\" %d %s\n", peer, when, status,
		       size);
	else
		printf("%s - - [%s] \"%s %s HTTP/1.%d\" %d %s\n",
		       peer, when, req->method, req->target,
		       req->minor, status, size);
}
