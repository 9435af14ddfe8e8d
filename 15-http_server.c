/*
 * 15-http_server - a static file server: `python3 -m http.server`, in C
 *
 * Usage: ./15-http_server [PORT [DIR]]
 *        (default 8000 and the current directory; port 0: any free port)
 *
 *   $ ./15-http_server 8000 www
 *   Listening on 127.0.0.1:8000
 *   127.0.0.1 - - [24/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 1234
 *
 *   $ curl -i http://127.0.0.1:8000/       (in another terminal)
 *
 * GET and HEAD, one request per connection, on the event loop of
 * 13-async_server: a file, a directory's index.html, or a listing of the
 * directory. Each request is logged on stdout, one line in the common log
 * format. 104-fast_server is the same server grown up: connections kept
 * open, pipelining, 304, ranges, a file cache.
 *
 * What it teaches:
 *  - a request arrives in pieces: bytes are kept until the blank line
 *    that ends its head (lib/server/request.c, written here, reads it);
 *  - an answer is a status line, header fields, a blank line, the body.
 *    Content-Length says where the body ends, Content-Type what it is,
 *    "Connection: close" that the server closes once it is sent;
 *  - one connection's life (lib/server/http10.c, written here): its
 *    request read, this file's answer() called, the head sent, then the
 *    file by sendfile(): the kernel copies it from its cache to the
 *    socket, as fast as the client reads, without passing through the
 *    server;
 *  - confinement (lib/server/files.c, written here): a path with ".." is
 *    refused, a file is opened with openat() under DIR, and the kernel is
 *    asked where it really is (readlink of /proc/self/fd/N): a symbolic
 *    link that leads out of DIR gives 403;
 *  - a directory without its '/' is redirected (301), so that the links
 *    of its index.html or of its listing (fdopendir) are right;
 *  - closing politely: shutdown() says the answer is over, then what the
 *    client still sends is read and dropped until it closes. Closing a
 *    socket with unread bytes resets it, and the client may lose the
 *    answer;
 *  - timeouts: a client has CLIENT_TIMEOUT seconds (default 10) to send
 *    its request, and as long each time to take more of the answer;
 *  - IPv4 and IPv6 alike: LISTEN_ADDRESS=::1 listens on IPv6, and the
 *    log shows each client's address as inet_ntop() writes it.
 *
 * Exit 0 on SIGINT or SIGTERM, 1 if it cannot start, 2 on wrong
 * arguments.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lib/buf.h"
#include "lib/server/files.h"
#include "lib/server/http10.h"
#include "lib/server/listener.h"
#include "lib/server/loop.h"
#include "lib/server/mime.h"
#include "lib/server/request.h"
#include "lib/server/response.h"
#include "lib/sock.h"

#define NAME "15-http_server"
#define DEFAULT_PORT "8000"

/**
 * struct server - what every connection shares
 * @http: the connections, one request each (lib/server/http10.c)
 * @site: DIR (lib/server/files.c)
 * @mime: the media types of file name extensions (lib/server/mime.c)
 */
struct server
{
	struct http10 http;
	struct site site;
	struct mime mime;
};

/**
 * log_request - one line of the access log, in the common log format
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the answer's status
 * @bytes: bytes of body sent
 */
static void log_request(const struct http10_conn *c,
			const struct request_head *req, int status, long bytes)
{
	char when[RESPONSE_DATE_SIZE];

	response_log_date(when, time(NULL));
	response_log(c->peer, when, req, status, bytes);
	fflush(stdout);
}

/**
 * add_head - the status line and the header fields of an answer
 * @c: the connection (the head goes into c->out)
 * @status: the status code
 * @type: the body's media type
 * @length: the body's length in bytes
 * @fields: more fields ("Name: value\r\n"...), or ""
 *
 * Return: 0, or -1 if memory ran out.
 */
static int add_head(struct http10_conn *c, int status, const char *type,
		    long length, const char *fields)
{
	char date[RESPONSE_DATE_SIZE];
	/* The files are taken to be UTF-8, which a browser cannot guess. */
	const char *utf8 = strncmp(type, "text/", 5) ? "" : "; charset=utf-8";

	response_date(date, time(NULL));
	return (buf_printf(&c->out, "HTTP/1.1 %d %s\r\nServer: %s\r\n"
			   "Date: %s\r\n%sContent-Type: %s%s\r\n"
			   "Content-Length: %ld\r\nConnection: close\r\n\r\n",
			   status, response_reason(status), NAME, date, fields,
			   type, utf8, length));
}

/**
 * send_text - an answer whose body is in memory: a status or a listing
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the status code
 * @type: the body's media type
 * @body: the body
 * @len: its length
 * @fields: more header fields ("Name: value\r\n"...), or ""
 */
static void send_text(struct http10_conn *c, const struct request_head *req,
		      int status, const char *type, const char *body,
		      size_t len, const char *fields)
{
	int head = req != NULL && strcmp(req->method, "HEAD") == 0;

	if (add_head(c, status, type, (long)len, fields) != 0 ||
	    (!head && buf_append(&c->out, body, len) != 0))
		c->out.len = 0; /* out of memory: the connection is closed */
	else
		log_request(c, req, status, head ? 0 : (long)len);
}

/**
 * send_status - an answer that is only a status, such as 404
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: the status code
 * @fields: more header fields, or ""
 */
static void send_status(struct http10_conn *c, const struct request_head *req,
			int status, const char *fields)
{
	char body[64];
	int len = sprintf(body, "%d %s\n", status, response_reason(status));

	/* 501: no method but GET and HEAD is known here; Allow says so. */
	if (status == 501)
		fields = "Allow: GET, HEAD\r\n";
	send_text(c, req, status, "text/plain", body, len, fields);
}

/**
 * serve_file - answer with a regular file: the head now, the body by
 * sendfile() once the head is sent
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the file's path (its extension gives Content-Type)
 * @fd: the file (the connection owns it now)
 * @st: what fstat() said of it
 */
static void serve_file(struct server *srv, struct http10_conn *c,
		       const struct request_head *req, const char *path, int fd,
		       const struct stat *st)
{
	int head = strcmp(req->method, "HEAD") == 0;

	/* Out of memory, c->out stays empty, and the connection is closed. */
	if (add_head(c, 200, mime_type(&srv->mime, path), (long)st->st_size,
		     "") != 0 || head)
	{
		if (c->out.len > 0)
			log_request(c, req, 200, 0);
		close(fd);
		return;
	}
	log_request(c, req, 200, (long)st->st_size);
	c->file = fd;
	c->file_end = st->st_size;
}

/**
 * serve_dir - answer for a directory: a redirect to its name with a '/',
 * else its index.html, else its listing
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the directory's path, with room for "index.html" after it
 * @fd: the directory (closed here)
 */
static void serve_dir(struct server *srv, struct http10_conn *c,
		      const struct request_head *req, char *path, int fd)
{
	size_t len = strlen(path);
	struct buf page;
	struct stat st;
	int index_fd;

	buf_init(&page);
	if (len > 0 && path[len - 1] != '/')
	{
		close(fd);
		if (response_location(&page, path, req->target) == 0)
			send_status(c, req, 301, page.data);
		buf_free(&page);
		return;
	}
	strcpy(path + len, "index.html");
	if (site_open_file(&srv->site, path, &index_fd, &st) == 0 &&
	    S_ISREG(st.st_mode))
	{
		close(fd);
		serve_file(srv, c, req, path, index_fd, &st);
		return;
	}
	if (index_fd >= 0)
		close(index_fd);
	path[len] = '\0';
	if (site_listing(&srv->site, &page, fd, path) != 0)
		send_status(c, req, 500, "");
	else
		send_text(c, req, 200, "text/html", page.data, page.len, "");
	buf_free(&page);
}

/**
 * answer - answer a request (lib/server/http10.c calls it)
 * @c: the connection
 * @req: the request, or NULL if it could not be read
 * @status: then, why (400, 431, ...)
 * @data: the struct server
 */
static void answer(struct http10_conn *c, const struct request_head *req,
		   int status, void *data)
{
	struct server *srv = data;
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (req == NULL)
	{
		send_status(c, NULL, status, "");
		return;
	}
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
		status = 501;
	if (status == 0)
		status = request_path(req->target, path, sizeof(path) - 16);
	if (status == 0)
		status = site_open_file(&srv->site, path, &fd, &st);
	if (status != 0)
		send_status(c, req, status, "");
	else if (S_ISDIR(st.st_mode))
		serve_dir(srv, c, req, path, fd);
	else
		serve_file(srv, c, req, path, fd, &st);
}

/**
 * start - read the settings, open DIR, listen
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

	if (site_open(&srv->site, dir, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: cannot serve %s: %s\n", NAME, dir, err);
		return (-1);
	}
	if (mime_load(&srv->mime, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s; using built-in media types\n", NAME, err);
	srv->http.answer = answer;
	srv->http.data = srv;
	if (http10_listen(loop, &srv->http, port, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (-1);
	}
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
	srv.http.acceptor.fd = srv.site.root = -1;
	loop = loop_new(&srv.http);
	if (loop == NULL || loop_stop_on_signals(loop) != 0)
		perror(NAME ": cannot start the event loop");
	else if (start(loop, &srv, port, argc == 3 ? argv[2] : ".") == 0)
	{
		failed = loop_run(loop) != 0;
		if (failed)
			perror(NAME ": event loop");
	}
	http10_stop(loop, &srv.http);
	if (!failed)
		printf("Server stopped\n");
	site_close(&srv.site);
	mime_free(&srv.mime);
	loop_free(loop);
	return (failed);
}
