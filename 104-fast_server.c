/*
 * 104-fast_server - the static file server of 15, fast: keep-alive,
 * pipelining, conditional requests, ranges, a file cache
 *
 * Usage: ./104-fast_server [PORT [DIR]]
 *        (default 8000 and the current directory; port 0: any free port)
 *
 *   $ ./104-fast_server 8000 www
 *   Listening on 127.0.0.1:8000
 *   127.0.0.1 - - [24/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 1234
 *
 *   $ curl -i http://127.0.0.1:8000/       (in another terminal)
 *
 * 15-http_server grown up: GET and HEAD over HTTP/1.1, on the event loop
 * of 13-async_server (lib/server/loop.c). Connections stay open for the
 * next request, pipelined requests are answered in order, Last-Modified
 * and If-Modified-Since give 304, one byte range gives 206 (or 416). The
 * files are found and listed as in 15 (lib/server/files.c, written
 * there), and each request is logged in the common log format.
 *
 * What it teaches:
 *  - framing: a request ends at its blank line, and whatever follows it is
 *    the next request (pipelining): kept for later, never thrown away;
 *  - conditional requests: Last-Modified and ETag tell the client which
 *    version it has; If-Modified-Since and If-None-Match let it ask
 *    "only if changed" (304), If-Match and If-Unmodified-Since "only if
 *    unchanged" (412); Range asks for part of a file (206);
 *  - sendfile(): the kernel copies a file from its cache to the socket; a
 *    slow reader costs a descriptor and an offset, not a copy of the file;
 *  - memory: an idle connection owns no buffer. Requests are read into a
 *    buffer allocated when bytes arrive and freed once they are answered;
 *    answers are built in one buffer that all connections share;
 *  - system calls are the cost: small files stay in memory
 *    (lib/server/cache.c), and one fstatat() per request checks that they
 *    have not changed;
 *    pipelined answers go out in one send(); the log is written once per
 *    round of the loop, not once per line;
 *  - timeouts: CLIENT_TIMEOUT seconds (default 10) for a request to arrive
 *    whole (else 408), for an idle connection, and for a client that stops
 *    reading. A client sending one byte at a time gains nothing: its
 *    request's deadline does not move.
 *
 * Exit 0 on SIGINT or SIGTERM, 1 if it cannot start, 2 on wrong
 * arguments.
 */
#define _GNU_SOURCE /* accept4, MSG_MORE, strptime, timegm */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "lib/buf.h"
#include "lib/server/cache.h"
#include "lib/server/files.h"
#include "lib/server/loop.h"
#include "lib/server/mime.h"
#include "lib/server/request.h"
#include "lib/server/response.h"
#include "lib/server/acceptor.h"
#include "lib/server/listener.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "104-fast_server"
#define DEFAULT_PORT "8000"
#define DEFAULT_IDLE_MS 10000L
/* Descriptors kept free of connections: the server's own few, and room
 * to open the files it serves.
 */
#define SPARE_FDS 16
/* Files up to this size are copied into the answer, so that pipelined
 * requests are answered with one send(); larger ones go by sendfile().
 */
#define SMALL_FILE 16384
/* How long a closing connection's unread input is drained: closing a
 * socket with unread input resets the connection, and the client may
 * lose our answer with it.
 */
#define LINGER_MS 2000

/**
 * struct connection - one client connection
 * @fd: its socket
 * @peer: the client's address, for the log
 * @in: bytes received and not answered yet: REQUEST_MAX_HEAD bytes,
 *      allocated when bytes arrive, freed once all are answered (owned)
 * @in_len: bytes in @in
 * @started: when the first byte of the request in @in arrived
 * @out: what the socket would not take yet of our answers (owned)
 * @out_sent: bytes of @out sent since
 * @file: the file whose body is being sent, or -1 (owned)
 * @file_pos: the next byte of @file to send
 * @file_end: one past the last byte of @file to send
 * @closing: close the connection once the answer is sent
 * @lingering: the answer is sent; unread input is drained, then close
 * @prev: the previous connection in the server's list
 * @next: the next one
 */
struct connection
{
	int fd;
	struct in_addr peer;
	char *in;
	size_t in_len;
	long started;
	struct buf out;
	size_t out_sent;
	int file;
	off_t file_pos;
	off_t file_end;
	int closing;
	int lingering;
	struct connection *prev;
	struct connection *next;
};

/**
 * struct server - the listening socket, the directory, every connection
 * @acceptor: the listening socket, in the loop (written in 13); its max
 *            is the descriptor limit less SPARE_FDS
 * @site: DIR, where every file is opened (lib/server/files.c)
 * @idle_ms: CLIENT_TIMEOUT, in milliseconds
 * @out: where answers are built before they are sent; shared by all
 *       connections, so answering costs no allocation
 * @failed: building an answer failed (out of memory, a file that shrank)
 * @now: the second that @date and @log_date show
 * @date: the time for the Date field
 * @log_date: the time for the log
 * @cache: small files kept in memory (lib/server/cache.c)
 * @mime: the media types of file name extensions (lib/server/mime.c)
 * @conns: every open connection (owned: each is freed by close_conn)
 */
struct server
{
	struct acceptor acceptor;
	struct site site;
	long idle_ms;
	struct buf out;
	int failed;
	time_t now;
	char date[RESPONSE_DATE_SIZE];
	char log_date[RESPONSE_DATE_SIZE];
	struct cache cache;
	struct mime mime;
	struct connection *conns;
};

/**
 * charset - what follows a media type in Content-Type
 * @type: the type
 *
 * The served files are taken to be UTF-8, as a browser cannot guess it.
 *
 * Return: "; charset=utf-8" for text, else "".
 */
static const char *charset(const char *type)
{
	return (strncmp(type, "text/", 5) == 0 ? "; charset=utf-8" : "");
}

/**
 * add_text - add formatted text to the answer being built
 * @srv: the server (the answer is srv->out)
 * @format: a printf format; the text must fit in a request line and more
 */
static void add_text(struct server *srv, const char *format, ...)
{
	char text[3 * REQUEST_MAX_LINE + 256]; /* a target, %-encoded */
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(text, sizeof(text), format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text) ||
	    buf_append(&srv->out, text, n) != 0)
		srv->failed = 1;
}

/**
 * is_head - is this a HEAD request (an answer without its body)?
 * @req: the request, or NULL if it could not be read
 *
 * Return: 1 if it is, 0 if not.
 */
static int is_head(const struct request_head *req)
{
	return (req != NULL && strcmp(req->method, "HEAD") == 0);
}

/**
 * log_request - one line of the access log, in the common log format
 * @srv: the server
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the answer's status
 * @bytes: bytes of body sent
 */
static void log_request(struct server *srv, struct connection *c,
			const struct request_head *req, int status, long bytes)
{
	response_log(c->peer, srv->log_date, req, status, bytes);
}

/**
 * start_head - the status line and the fields every answer has
 * @srv: the server
 * @status: the status code
 */
static void start_head(struct server *srv, int status)
{
	add_text(srv, "HTTP/1.1 %d %s\r\nServer: %s\r\nDate: %s\r\n", status,
	    response_reason(status), NAME, srv->date);
}

/**
 * end_head - say whether the connection stays open; end the head
 * @srv: the server
 * @c: the connection
 * @req: the request, or NULL
 */
static void end_head(struct server *srv, struct connection *c,
		     const struct request_head *req)
{
	if (c->closing)
		add_text(srv, "Connection: close\r\n\r\n");
	else if (req != NULL && req->minor == 0)
		add_text(srv, "Connection: keep-alive\r\n\r\n");
	else
		add_text(srv, "\r\n");
}

/**
 * send_status - an answer that is only a status, such as 404
 * @srv: the server
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the status code
 * @fields: more header fields ("Name: value\r\n"...), or ""
 *
 * After an answer that says the request could not be read, or the server
 * cannot go on, the connection is closed.
 */
static void send_status(struct server *srv, struct connection *c,
			const struct request_head *req, int status,
			const char *fields)
{
	char body[64];
	int len = sprintf(body, "%d %s\n", status, response_reason(status));

	if (req == NULL || status == 503)
		c->closing = 1;
	start_head(srv, status);
	if (status == 405 || status == 501)
		add_text(srv, "Allow: GET, HEAD\r\n");
	add_text(srv, "%sContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: %d\r\n", fields, len);
	end_head(srv, c, req);
	if (!is_head(req))
		add_text(srv, "%s", body);
	log_request(srv, c, req, status, is_head(req) ? 0 : len);
}

/**
 * check_method - can this server apply this method?
 * @method: the request's method
 *
 * Return: 0 for GET and HEAD, 405 for the other standard methods, 501
 * for any other.
 */
static int check_method(const char *method)
{
	static const char *const others[] = {"POST", "PUT", "DELETE",
		"CONNECT", "OPTIONS", "TRACE", "PATCH"};
	size_t i;

	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return (0);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (strcmp(method, others[i]) == 0)
			return (405);
	return (501);
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
 * entity_tag - a file's entity tag, made of its modification time and
 * size (as nginx makes it): a new version gets a new tag
 * @tag: where to write it (at least 40 bytes)
 * @st: what fstat() said of the file
 */
static void entity_tag(char *tag, const struct stat *st)
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
 * preconditions - the conditional fields, in RFC 9110's order (13.2.2)
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
static int preconditions(const struct request_head *req, const struct stat *st,
			 const char *tag)
{
	time_t t;

	if (req->if_match != NULL)
	{
		if (!tag_listed(req->if_match, tag, 0))
			return (412);
	}
	else if (req->if_unmodified_since != NULL &&
		 http_time(req->if_unmodified_since, &t) == 0 && st->st_mtime > t)
		return (412);
	if (req->if_none_match != NULL)
		return (tag_listed(req->if_none_match, tag, 1) ? 304 : 0);
	if (req->if_modified_since != NULL &&
	    http_time(req->if_modified_since, &t) == 0 && st->st_mtime <= t)
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
	time_t t;

	if (req->if_range == NULL)
		return (1);
	if (req->if_range[0] == '"')
		return (strcmp(req->if_range, tag) == 0);
	return (http_time(req->if_range, &t) == 0 && t == st->st_mtime);
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
 * send_body - add a file's bytes to the answer, or set them to be sent
 * @srv: the server
 * @c: the connection
 * @fd: the file (closed here, or owned by @c until sent)
 * @first: the first byte to send
 * @end: one past the last
 */
static void send_body(struct server *srv, struct connection *c, int fd,
		      off_t first, off_t end)
{
	size_t n = end - first;

	if (n > SMALL_FILE)
	{
		c->file = fd;
		c->file_pos = first;
		c->file_end = end;
		return;
	}
	/* A file that shrank since fstat() cannot fill what Content-Length
	 * promised: the connection is closed instead.
	 */
	if (buf_reserve(&srv->out, n) != 0 ||
	    pread(fd, srv->out.data + srv->out.len, n, first) != (ssize_t)n)
		srv->failed = 1;
	else
		srv->out.len += n;
	close(fd);
}

/**
 * serve_file - answer with a file, a part of it, 304 or 412
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the file's path (its extension gives Content-Type)
 * @fd: the open file (closed here, or owned by @c until sent), or -1
 * @data: the file's bytes, from the cache, if @fd is -1
 * @st: what fstat() said of it
 */
static void serve_file(struct server *srv, struct connection *c,
		       const struct request_head *req, const char *path, int fd,
		       const char *data, const struct stat *st)
{
	off_t first = 0, last = st->st_size - 1;
	char date[RESPONSE_DATE_SIZE], tag[48], fields[64] = "";
	const char *type = mime_type(&srv->mime, path);
	int status;

	entity_tag(tag, st);
	status = preconditions(req, st, tag);
	if (status == 0 && range_applies(req, st, tag))
		status = parse_range(req->range, st->st_size, &first, &last);
	else if (status == 0)
		status = 200;
	if (status == 412 || status == 416)
	{
		if (fd >= 0)
			close(fd);
		if (status == 416)
			sprintf(fields, "Content-Range: bytes */%ld\r\n",
				(long)st->st_size);
		send_status(srv, c, req, status, fields);
		return;
	}
	response_date(date, st->st_mtime);
	start_head(srv, status);
	add_text(srv, "Last-Modified: %s\r\nETag: %s\r\n", date, tag);
	if (status != 304)
		add_text(srv, "Content-Type: %s%s\r\nContent-Length: %ld\r\n"
		    "Accept-Ranges: bytes\r\n", type, charset(type),
		    (long)(last - first + 1));
	if (status == 206)
		add_text(srv, "Content-Range: bytes %ld-%ld/%ld\r\n", (long)first,
		    (long)last, (long)st->st_size);
	end_head(srv, c, req);
	if (status == 304 || is_head(req) || last < first)
	{
		log_request(srv, c, req, status, 0);
		if (fd >= 0)
			close(fd);
		return;
	}
	log_request(srv, c, req, status, (long)(last - first + 1));
	if (fd >= 0)
		send_body(srv, c, fd, first, last + 1);
	else if (buf_append(&srv->out, data + first, last - first + 1) != 0)
		srv->failed = 1;
}

/**
 * serve_opened - answer with a regular file just opened, and keep it in
 * the cache if it is worth keeping
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the file's path
 * @fd: the file (closed here, or owned by @c until sent)
 * @st: what fstat() said of it
 */
static void serve_opened(struct server *srv, struct connection *c,
			 const struct request_head *req, const char *path, int fd,
			 const struct stat *st)
{
	const struct cache_entry *e = NULL;
	char *data;

	if (cache_wants(st) && (data = malloc(st->st_size + 1)) != NULL)
	{
		if (pread(fd, data, st->st_size, 0) == st->st_size)
			e = cache_store(&srv->cache, path, st, data);
		else
			free(data);
	}
	if (e == NULL)
	{
		serve_file(srv, c, req, path, fd, NULL, st);
		return;
	}
	close(fd);
	serve_file(srv, c, req, path, -1, e->data, &e->st);
}

/**
 * serve_listing - answer with a directory's listing
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the directory's path
 * @fd: the directory (closed here)
 */
static void serve_listing(struct server *srv, struct connection *c,
			  const struct request_head *req, const char *path, int fd)
{
	struct buf page;

	buf_init(&page);
	if (site_listing(&srv->site, &page, fd, path) != 0)
	{
		send_status(srv, c, req, 500, "");
		buf_free(&page);
		return;
	}
	start_head(srv, 200);
	add_text(srv, "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %lu\r\n", (unsigned long)page.len);
	end_head(srv, c, req);
	if (!is_head(req) && buf_append(&srv->out, page.data, page.len) != 0)
		srv->failed = 1;
	log_request(srv, c, req, 200, is_head(req) ? 0 : (long)page.len);
	buf_free(&page);
}

/**
 * redirect_to_dir - 301 to a directory's name with a slash after it
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the directory's path, decoded and relative to DIR
 */
static void redirect_to_dir(struct server *srv, struct connection *c,
			    const struct request_head *req, const char *path)
{
	struct buf location;

	buf_init(&location);
	if (response_location(&location, path, req->target) != 0)
		send_status(srv, c, req, 500, "");
	else
		send_status(srv, c, req, 301, location.data);
	buf_free(&location);
}

/**
 * serve_dir - answer for a directory: its index.html, or its listing, or
 * a redirect to its name with a slash (so that relative links work)
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the directory's path, with room for "index.html" after it
 * @fd: the directory (closed here)
 */
static void serve_dir(struct server *srv, struct connection *c,
		      const struct request_head *req, char *path, int fd)
{
	size_t len = strlen(path);
	const struct cache_entry *e;
	struct stat st;
	int index_fd;

	if (len > 0 && path[len - 1] != '/')
	{
		close(fd);
		redirect_to_dir(srv, c, req, path);
		return;
	}
	strcpy(path + len, "index.html");
	e = cache_find(&srv->cache, srv->site.root, path);
	if (e != NULL)
	{
		close(fd);
		serve_file(srv, c, req, path, -1, e->data, &e->st);
		return;
	}
	if (site_open_file(&srv->site, path, &index_fd, &st) == 0 &&
	    S_ISREG(st.st_mode))
	{
		close(fd);
		serve_opened(srv, c, req, path, index_fd, &st);
		return;
	}
	if (index_fd >= 0)
		close(index_fd);
	path[len] = '\0';
	serve_listing(srv, c, req, path, fd);
}

/**
 * answer - answer one complete request
 * @srv: the server
 * @c: the connection
 * @req: the request
 */
static void answer(struct server *srv, struct connection *c,
		   const struct request_head *req)
{
	char path[PATH_MAX];
	const struct cache_entry *e = NULL;
	struct stat st;
	int fd = -1, status;

	/* The server does not read request bodies: after one, it cannot know
	 * where the next request starts.
	 */
	if (!req->keep_alive || req->has_body)
		c->closing = 1;
	status = check_method(req->method);
	if (status == 0)
		status = request_path(req->target, path, sizeof(path) - 16);
	if (status == 0)
		e = cache_find(&srv->cache, srv->site.root, path);
	if (status == 0 && e == NULL)
		status = site_open_file(&srv->site, path, &fd, &st);
	if (status != 0)
		send_status(srv, c, req, status, "");
	else if (e != NULL)
		serve_file(srv, c, req, path, -1, e->data, &e->st);
	else if (S_ISDIR(st.st_mode))
		serve_dir(srv, c, req, path, fd);
	else
		serve_opened(srv, c, req, path, fd, &st);
}

/**
 * consume - drop the first @n bytes of a connection's input
 * @c: the connection
 * @n: how many
 *
 * What follows is the start of the next (pipelined) request, whose
 * clock starts now. A connection with no input left holds no buffer.
 */
static void consume(struct connection *c, size_t n)
{
	c->in_len -= n;
	memmove(c->in, c->in + n, c->in_len);
	c->started = timeout_now_ms();
	if (c->in_len == 0)
	{
		free(c->in);
		c->in = NULL;
	}
}

/**
 * sending - is an answer still on its way to the client?
 * @c: the connection
 *
 * Return: 1 if it is, 0 if not.
 */
static int sending(const struct connection *c)
{
	return (c->out.len > 0 || c->file >= 0);
}

/**
 * answer_all - answer every complete request received, in order
 * @srv: the server
 * @c: the connection
 *
 * The answers pile up in srv->out and go out in one send(); a large file
 * stops the pile, as it goes by sendfile() after the answers before it.
 *
 * Return: 1 if it stopped at a large file (more requests may wait), 0 if
 * every complete request was answered.
 */
static int answer_all(struct server *srv, struct connection *c)
{
	struct request_head req;
	int status;

	while (!sending(c) && !c->closing && c->in_len > 0)
	{
		status = request_parse(c->in, c->in_len, &req);
		if (status == REQUEST_INCOMPLETE)
			return (0);
		if (status != 0)
		{
			send_status(srv, c, NULL, status, "");
			return (0);
		}
		answer(srv, c, &req);
		consume(c, req.head_len);
		if (c->file >= 0)
			return (1);
	}
	return (0);
}

/**
 * send_some - send bytes, as many as the socket takes now
 * @c: the connection
 * @data: the bytes
 * @len: how many
 *
 * MSG_MORE, while a file is to follow, lets the kernel put the head and
 * the file's first bytes in the same packet.
 *
 * Return: how many were sent (0 if the socket is full), -1 on error.
 */
static ssize_t send_some(struct connection *c, const char *data, size_t len)
{
	ssize_t n;

	n = send(c->fd, data, len, MSG_NOSIGNAL | (c->file >= 0 ? MSG_MORE : 0));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return (0);
	return (n);
}

/**
 * send_pending - send what is left of the answer: bytes, then the file
 * @c: the connection
 *
 * Return: 0 (done, or the socket is full), -1 on error.
 */
static int send_pending(struct connection *c)
{
	ssize_t n;

	if (c->out.len > 0)
	{
		n = send_some(c, c->out.data + c->out_sent,
			      c->out.len - c->out_sent);
		if (n < 0)
			return (-1);
		c->out_sent += n;
		if (c->out_sent < c->out.len)
			return (0);
		buf_free(&c->out);
		c->out_sent = 0;
	}
	while (c->file >= 0)
	{
		n = sendfile(c->fd, c->file, &c->file_pos,
			     c->file_end - c->file_pos);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return (0);
		if (n <= 0) /* an error, or the file shrank */
			return (-1);
		if (c->file_pos == c->file_end)
		{
			close(c->file);
			c->file = -1;
		}
	}
	return (0);
}

/**
 * push - send the answers built in srv->out; keep what the socket would
 * not take (the connection owns that copy until it is sent)
 * @srv: the server
 * @c: the connection
 *
 * Return: 0, or -1 if the connection is to be closed.
 */
static int push(struct server *srv, struct connection *c)
{
	ssize_t n;

	if (srv->failed)
	{
		srv->failed = 0;
		srv->out.len = 0;
		return (-1);
	}
	if (srv->out.len > 0)
	{
		n = send_some(c, srv->out.data, srv->out.len);
		if (n < 0 || ((size_t)n < srv->out.len &&
			      buf_append(&c->out, srv->out.data + n,
					 srv->out.len - n) != 0))
			return (-1);
		srv->out.len = 0;
	}
	return (send_pending(c));
}

/**
 * linger - the last answer is sent: stop writing, drain what the client
 * still sends, close at its end (or after LINGER_MS)
 * @loop: the loop
 * @c: the connection
 *
 * Return: 0.
 */
static int linger(struct loop *loop, struct connection *c)
{
	shutdown(c->fd, SHUT_WR);
	c->lingering = 1;
	free(c->in);
	c->in = NULL;
	c->in_len = 0;
	loop_watch(loop, c->fd, LOOP_READ);
	loop_deadline(loop, c->fd, LINGER_MS);
	return (0);
}

/**
 * wait_next - wait for what comes next on a connection
 * @loop: the loop
 * @srv: the server
 * @c: the connection
 *
 * Return: 0.
 */
static int wait_next(struct loop *loop, struct server *srv,
			struct connection *c)
{
	long left;

	if (sending(c))
	{
		/* A client that reads nothing for idle_ms is dropped. */
		loop_watch(loop, c->fd, LOOP_WRITE);
		loop_idle_timeout(loop, c->fd, srv->idle_ms);
		return (0);
	}
	if (c->closing)
		return (linger(loop, c));
	loop_watch(loop, c->fd, LOOP_READ);
	if (c->in_len == 0)
	{
		loop_idle_timeout(loop, c->fd, srv->idle_ms);
		return (0);
	}
	/* Part of a request is here: it has idle_ms from its first byte. */
	left = c->started + srv->idle_ms - timeout_now_ms();
	loop_deadline(loop, c->fd, left > 0 ? left : 1);
	return (0);
}

/**
 * process - answer what can be answered, send it, wait for what is next
 * @loop: the loop
 * @srv: the server
 * @c: the connection
 *
 * Return: 0 to keep the connection, -1 to close it.
 */
static int process(struct loop *loop, struct server *srv, struct connection *c)
{
	int more;

	do {
		more = answer_all(srv, c);
		if (push(srv, c) != 0)
			return (-1);
	} while (more && !sending(c));
	return (wait_next(loop, srv, c));
}

/**
 * on_readable - read what the client sent, and answer it
 * @loop: the loop
 * @srv: the server
 * @c: the connection
 *
 * Return: 0 to keep the connection, -1 to close it.
 */
static int on_readable(struct loop *loop, struct server *srv,
			struct connection *c)
{
	char junk[4096];
	ssize_t n;

	if (c->lingering)
	{
		n = recv(c->fd, junk, sizeof(junk), 0);
		return (n > 0 || (n < 0 && errno == EAGAIN) ? 0 : -1);
	}
	if (c->in == NULL && (c->in = malloc(REQUEST_MAX_HEAD)) == NULL)
		return (-1);
	n = recv(c->fd, c->in + c->in_len, REQUEST_MAX_HEAD - c->in_len, 0);
	if (n <= 0)
	{
		if (c->in_len == 0)
			consume(c, 0);
		return (n < 0 && (errno == EAGAIN || errno == EINTR) ? 0 : -1);
	}
	if (c->in_len == 0)
		c->started = timeout_now_ms();
	c->in_len += n;
	return (process(loop, srv, c));
}

/**
 * on_timeout - a connection's time is up
 * @loop: the loop
 * @srv: the server
 * @c: the connection
 *
 * Return: 0 to keep the connection (to send it a 408), -1 to close it.
 */
static int on_timeout(struct loop *loop, struct server *srv,
			struct connection *c)
{
	/* Idle, lingering, or not reading its answer: just close. */
	if (c->in_len == 0 || c->lingering || sending(c) || c->closing)
		return (-1);
	send_status(srv, c, NULL, 408, "");
	if (push(srv, c) != 0)
		return (-1);
	return (wait_next(loop, srv, c));
}

/**
 * close_conn - forget a connection and close it
 * @loop: the loop
 * @srv: the server
 * @c: the connection (freed here)
 */
static void close_conn(struct loop *loop, struct server *srv,
		       struct connection *c)
{
	loop_remove(loop, c->fd);
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
	free(c->in);
	buf_free(&c->out);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	free(c);
	acceptor_closed(loop, &srv->acceptor);
}

/**
 * on_client - a connection is ready, or its time is up
 * @loop: the loop
 * @fd: its socket
 * @events: LOOP_READ, LOOP_WRITE or LOOP_TIMEOUT
 * @data: the struct connection
 */
static void on_client(struct loop *loop, int fd, int events, void *data)
{
	struct connection *c = data;
	struct server *srv = loop_data(loop);
	int r;

	(void)fd;
	if (events & LOOP_TIMEOUT)
		r = on_timeout(loop, srv, c);
	else if (sending(c))
	{
		/* Only writing matters now; a client that hung up shows up
		 * as a failed send().
		 */
		r = send_pending(c);
		if (r == 0 && !sending(c))
			r = process(loop, srv, c);
	}
	else
		r = on_readable(loop, srv, c);
	if (r != 0)
		close_conn(loop, srv, c);
}

/**
 * on_accept - start serving a newly accepted connection
 * @loop: the loop
 * @fd: its socket, already non-blocking
 * @peer: the client's address
 * @data: the struct server
 */
static void on_accept(struct loop *loop, int fd,
		      const struct sockaddr_storage *peer, void *data)
{
	struct server *srv = data;
	struct connection *c = calloc(1, sizeof(*c));
	int one = 1;

	if (c == NULL || loop_add(loop, fd, LOOP_READ, on_client, c) != 0)
	{
		fprintf(stderr, "%s: client refused: out of memory\n", NAME);
		free(c);
		close(fd);
		acceptor_closed(loop, &srv->acceptor);
		return;
	}
	/* Answers go out whole: waiting to fill packets (Nagle) only adds
	 * delay.
	 */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	if (peer->ss_family == AF_INET)
		c->peer = ((const struct sockaddr_in *)peer)->sin_addr;
	c->file = -1;
	c->next = srv->conns;
	if (c->next != NULL)
		c->next->prev = c;
	srv->conns = c;
	loop_idle_timeout(loop, fd, srv->idle_ms);
}

/**
 * on_pause - say that accepting paused, and why
 * @a: the acceptor
 * @why: EMFILE or ENFILE (out of file descriptors), or 0: as many
 *       connections as the server keeps descriptors for. More would leave
 *       none to open a file with: new ones wait in the queue until one
 *       closes.
 */
static void on_pause(struct acceptor *a, int why)
{
	if (why == 0)
		fprintf(stderr, "%s: %d connections, the most it can serve;"
			" pausing\n", NAME, a->open);
	else
		fprintf(stderr, "%s: out of file descriptors, pausing\n", NAME);
}

/**
 * before_wait - once per round of the loop: tell the time, flush the log
 * @loop: the loop
 *
 * Formatting the date once a second, and writing the log once per round
 * instead of once per request, saves work on every request.
 */
static void before_wait(struct loop *loop)
{
	struct server *srv = loop_data(loop);
	time_t now = time(NULL);

	if (now != srv->now)
	{
		srv->now = now;
		response_date(srv->date, now);
		response_log_date(srv->log_date, now);
	}
	fflush(stdout);
}

/**
 * start - open DIR, listen, and register the listener
 * @loop: the loop
 * @srv: the server to fill in
 * @port: the port to listen on
 * @dir: the directory to serve
 *
 * Return: 0 on success, -1 on failure (the reason is on stderr).
 */
static int start(struct loop *loop, struct server *srv, int port,
		 const char *dir)
{
	char err[PATH_MAX + 64];

	srv->idle_ms = timeout_env_ms("CLIENT_TIMEOUT", DEFAULT_IDLE_MS);
	if (srv->idle_ms < 0)
	{
		fprintf(stderr, "%s: CLIENT_TIMEOUT must be a number of seconds\n",
			NAME);
		return (-1);
	}
	if (site_open(&srv->site, dir, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: cannot serve %s: %s\n", NAME, dir, err);
		return (-1);
	}
	if (mime_load(&srv->mime, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s; using built-in media types\n", NAME, err);
	srv->acceptor.on_accept = on_accept;
	srv->acceptor.on_pause = on_pause;
	srv->acceptor.data = srv;
	if (acceptor_start(loop, &srv->acceptor, "127.0.0.1", port) != 0)
	{
		fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", NAME,
			port, strerror(errno));
		return (-1);
	}
	loop_before_wait(loop, before_wait);
	printf("Listening on 127.0.0.1:%d\n", listener_port(srv->acceptor.fd));
	fflush(stdout);
	return (0);
}

/**
 * main - serve a directory over HTTP until SIGINT or SIGTERM
 * @argc: number of arguments
 * @argv: the arguments: the optional port, then the optional directory
 *
 * Return: 0 when stopped by a signal, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct server srv;
	struct loop *loop;
	int port, failed = 1;

	port = sock_parse_port(argc >= 2 ? argv[1] : DEFAULT_PORT);
	if (argc > 3 || port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT [DIR]]\n", NAME);
		return (2);
	}
	/* sendfile() has no MSG_NOSIGNAL: a client that went away must not
	 * kill the server with SIGPIPE.
	 */
	signal(SIGPIPE, SIG_IGN);
	memset(&srv, 0, sizeof(srv));
	srv.acceptor.max = sock_raise_fd_limit() - SPARE_FDS;
	if (srv.acceptor.max < 1)
		srv.acceptor.max = 1;
	srv.acceptor.fd = srv.site.root = -1;
	loop = loop_new(&srv);
	if (loop == NULL || loop_stop_on_signals(loop) != 0)
		perror(NAME ": cannot start the event loop");
	else if (start(loop, &srv, port, argc == 3 ? argv[2] : ".") == 0)
	{
		failed = loop_run(loop) != 0;
		if (failed)
			perror(NAME ": event loop");
	}
	while (srv.conns != NULL)
		close_conn(loop, &srv, srv.conns);
	if (!failed)
		printf("Server stopped\n");
	acceptor_stop(loop, &srv.acceptor);
	site_close(&srv.site);
	buf_free(&srv.out);
	cache_free(&srv.cache);
	mime_free(&srv.mime);
	loop_free(loop);
	return (failed);
}
