/*
 * 103-http11_server - the static file server of 15, speaking HTTP/1.1:
 * keep-alive, pipelining, conditional requests, byte ranges
 *
 * Usage: ./103-http11_server [PORT [DIR]]
 *        (default 8000 and the current directory; port 0: any free port)
 *
 *   $ ./103-http11_server 8000 www
 *   Listening on 127.0.0.1:8000
 *   127.0.0.1 - - [24/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 1234
 *
 *   $ curl -i http://127.0.0.1:8000/ http://127.0.0.1:8000/hello.txt
 *   (in another terminal: both on one connection)
 *
 * 15-http_server answers one request per connection. This server keeps
 * the connection open for the next one, as HTTP/1.1 does by default. The
 * files are found and listed as in 15 (lib/server/files.c, written
 * there), and each request is logged in the common log format.
 *
 * What it teaches:
 *  - keep-alive (lib/server/http11.c, written here): a connection stays
 *    open after an answer, unless the client says "Connection: close",
 *    speaks HTTP/1.0 without asking for keep-alive, or sends a body the
 *    server does not read (where would the next request start?);
 *  - pipelining: a request ends at its blank line, and whatever follows
 *    it is the next request: kept for later, never thrown away; the
 *    answers go out in the order of the requests;
 *  - conditional requests (lib/server/conditional.c, written here):
 *    Last-Modified and ETag tell the client which version it has;
 *    If-Modified-Since and If-None-Match ask "only if changed" (304 Not
 *    Modified), If-Match and If-Unmodified-Since "only if unchanged" (412);
 *  - byte ranges: "Range: bytes=100-199" asks for part of a file (206
 *    Partial Content, with Content-Range; 416 past its end), which lets a
 *    download resume; If-Range makes it "only if unchanged";
 *  - timeouts: a request must arrive whole within CLIENT_TIMEOUT seconds
 *    (default 10) of its first byte, else 408 Request Timeout; an idle
 *    connection, or a client that stops reading, is closed after as long;
 *  - packets on a kept connection: TCP_NODELAY sends each answer at once
 *    (Nagle's wait for the client's ACK, which the client delays, would
 *    stall every answer of a kept connection), and MSG_MORE on a head a
 *    file follows lets the head and the file's first bytes share a packet.
 *
 * 104-fast_server is the same server made fast.
 *
 * Exit 0 on SIGINT or SIGTERM, 1 if it cannot start, 2 on wrong
 * arguments.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lib/server/answer.h"
#include "lib/server/files.h"
#include "lib/server/http11.h"
#include "lib/server/listener.h"
#include "lib/server/loop.h"
#include "lib/server/mime.h"
#include "lib/server/request.h"
#include "lib/sock.h"

#define NAME "103-http11_server"
#define DEFAULT_PORT "8000"

/**
 * struct server - the connections, the directory, the media types
 * @http: the listening socket and every connection (lib/server/http11.c)
 * @site: DIR, where every file is opened (lib/server/files.c)
 * @mime: the media types of file name extensions (lib/server/mime.c)
 */
struct server
{
	struct http11 http;
	struct site site;
	struct mime mime;
};

/**
 * serve_file - answer with a file, a part of it, 304, 412 or 416
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the file's path (its extension gives Content-Type)
 * @fd: the open file (closed here, or once its bytes are sent)
 * @st: what fstat() said of it
 */
static void serve_file(struct server *srv, struct http11_conn *c,
		       const struct request_head *req, const char *path, int fd,
		       const struct stat *st)
{
	struct answer_validators v;
	off_t first, last;

	answer_validators(&v, st);
	if (answer_file_head(c, req, mime_type(&srv->mime, path), st, &v,
			     &first, &last))
		http11_send_file(c, fd, first, last + 1);
	else
		close(fd);
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
static void serve_dir(struct server *srv, struct http11_conn *c,
		      const struct request_head *req, char *path, int fd)
{
	size_t len = strlen(path);
	struct stat st;
	int index_fd;

	if (len > 0 && path[len - 1] != '/')
	{
		close(fd);
		answer_redirect_dir(c, req, path);
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
	answer_listing(c, req, &srv->site, path, fd);
}

/**
 * answer - answer one complete request (called by lib/server/http11.c
 * for each request, in order)
 * @h: the connections' server
 * @c: the connection
 * @req: the request
 *
 * Return: 1 if the connection must close after this answer, else 0.
 */
static int answer(struct http11 *h, struct http11_conn *c,
		  const struct request_head *req)
{
	struct server *srv = h->data;
	char path[PATH_MAX];
	struct stat st;
	int fd = -1, status;

	status = answer_method(req->method);
	if (status == 0)
		status = request_path(req->target, path, sizeof(path) - 16);
	if (status == 0)
		status = site_open_file(&srv->site, path, &fd, &st);
	if (status != 0)
		return (answer_status(c, req, status, ""));
	if (S_ISDIR(st.st_mode))
		serve_dir(srv, c, req, path, fd);
	else
		serve_file(srv, c, req, path, fd, &st);
	return (0);
}

/**
 * start - open DIR, read the media types, listen and say where
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
	struct http11 *h = &srv->http;

	if (site_open(&srv->site, dir, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: cannot serve %s: %s\n", NAME, dir, err);
		return (-1);
	}
	if (mime_load(&srv->mime, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s; using built-in media types\n", NAME, err);
	h->name = NAME;
	h->answer = answer;
	h->data = srv;
	if (http11_listen(loop, h, port, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (-1);
	}
	sock_say_listening(sock_listen_address(), listener_port(h->acceptor.fd));
	return (0);
}

/**
 * main - serve a directory over HTTP/1.1 until SIGINT or SIGTERM
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
	/* Each client costs a descriptor: take as many as the system allows. */
	sock_raise_fd_limit();
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
	http11_stop(loop, &srv.http);
	if (!failed)
		printf("Server stopped\n");
	site_close(&srv.site);
	mime_free(&srv.mime);
	loop_free(loop);
	return (failed);
}
