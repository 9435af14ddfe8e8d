/*
 * 104-fast_server - the HTTP/1.1 server of 103, made fast
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
 * The server of 103-http11_server, on the same connections
 * (lib/server/http11.c and lib/server/conditional.c, written there), with
 * what makes it serve more requests per second than nginx on small files
 * (bench/http_server.sh measures it).
 *
 * What it teaches:
 *  - system calls are the cost: opening, checking, reading and closing a
 *    small file is five of them. Small files stay in memory
 *    (lib/server/cache.c, written here), and an fstatat() at most once a
 *    second per file (CACHE_VALID seconds, decimals allowed) checks that
 *    they have not changed: a request for a kept file costs the recv()
 *    that brings it and the send() that answers it, nothing else;
 *  - small bodies are copied into the answer, so that the answers to
 *    pipelined requests go out in one send(), where 103 sends a head,
 *    then the file (MSG_MORE and TCP_NODELAY are 103's, in http11.c);
 *  - past the system calls, printf() is the cost: it reads its format at
 *    every call. A kept file's ETag and Last-Modified are written once,
 *    when it is kept (answer_validators()), not for every answer; the log
 *    line is built by hand (lib/server/response.c) and leaves once per
 *    round of the loop, in one write() from a buffer of LOG_BUFFER bytes.
 *    Together they took 104 from 1.4 to 1.2 times the CPU time of a
 *    server that only receives and sends (bench/floor.c);
 *  - a descriptor budget: SPARE_FDS descriptors are kept free of
 *    connections, so that the server can still open the files it serves;
 *    at the limit it stops accepting until a connection closes, instead
 *    of failing the requests it has;
 *  - one loop uses one core: WORKERS=N (1 to 16, default 1) runs N
 *    copies of the server, each with its own loop and its own listening
 *    socket on the same port (SO_REUSEPORT, lib/server/workers.c,
 *    written here); the kernel spreads the connections across them, and
 *    they share nothing, so they need no lock. One per core.
 *
 *   $ WORKERS=2 ./104-fast_server 8000 www
 *
 * Exit 0 on SIGINT or SIGTERM, 1 if it cannot start (or, with WORKERS, a
 * worker stopped on its own: the others are stopped too), 2 on wrong
 * arguments.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lib/server/acceptor.h"
#include "lib/server/cache.h"
#include "lib/server/answer.h"
#include "lib/server/files.h"
#include "lib/server/http11.h"
#include "lib/server/listener.h"
#include "lib/server/loop.h"
#include "lib/server/mime.h"
#include "lib/server/request.h"
#include "lib/server/workers.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "104-fast_server"
#define DEFAULT_PORT "8000"
/* Descriptors kept free of connections: the server's own few, and room
 * to open the files it serves.
 */
#define SPARE_FDS 16
/* Files up to this size are copied into the answer, so that pipelined
 * requests are answered with one send(); larger ones go by sendfile().
 */
#define SMALL_FILE 16384
/* The size of stdout's buffer, where the access log waits (see main). */
#define LOG_BUFFER (1 << 20)

/**
 * struct server - the connections, the directory, the cache
 * @http: the listening socket and every connection (lib/server/http11.c,
 *        written in 103); its acceptor's max is the descriptor limit
 *        less SPARE_FDS
 * @site: DIR, where every file is opened (lib/server/files.c)
 * @cache: small files kept in memory (lib/server/cache.c)
 * @mime: the media types of file name extensions (lib/server/mime.c)
 */
struct server
{
	struct http11 http;
	struct site site;
	struct cache cache;
	struct mime mime;
};

/**
 * send_body - add a small file's bytes to the answer, or send a large one
 * by sendfile()
 * @srv: the server
 * @c: the connection
 * @fd: the file (closed here, or owned by @c until sent)
 * @first: the first byte to send
 * @end: one past the last
 */
static void send_body(struct server *srv, struct http11_conn *c, int fd,
		      off_t first, off_t end)
{
	struct buf *out = &srv->http.out;
	size_t n = end - first;

	if (n > SMALL_FILE)
	{
		http11_send_file(c, fd, first, end);
		return;
	}
	/* A file that shrank since fstat() cannot fill what Content-Length
	 * promised: the connection is closed instead.
	 */
	if (buf_reserve(out, n) != 0 ||
	    pread(fd, out->data + out->len, n, first) != (ssize_t)n)
		srv->http.failed = 1;
	else
		out->len += n;
	close(fd);
}

/**
 * serve_file - answer with a file, a part of it, 304, 412 or 416
 * @srv: the server
 * @c: the connection
 * @req: the request
 * @path: the file's path (its extension gives Content-Type)
 * @fd: the open file (closed here, or owned by @c until sent), or -1
 * @e: the file kept in memory, if @fd is -1: its bytes, what fstat()
 *     said of it and its validators, all ready
 * @st: what fstat() said of the open file, if @fd is not -1
 */
static void serve_file(struct server *srv, struct http11_conn *c,
		       const struct request_head *req, const char *path, int fd,
		       const struct cache_entry *e, const struct stat *st)
{
	struct answer_validators v;
	off_t first, last;

	if (e != NULL)
		st = &e->st;
	else
		answer_validators(&v, st);
	if (!answer_file_head(c, req, mime_type(&srv->mime, path), st,
			      e != NULL ? &e->v : &v, &first, &last))
	{
		if (fd >= 0)
			close(fd);
	}
	else if (fd >= 0)
		send_body(srv, c, fd, first, last + 1);
	else if (buf_append(&srv->http.out, e->data + first, last - first + 1))
		srv->http.failed = 1;
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
static void serve_opened(struct server *srv, struct http11_conn *c,
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
	serve_file(srv, c, req, path, -1, e, NULL);
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
	const struct cache_entry *e;
	struct stat st;
	int index_fd;

	if (len > 0 && path[len - 1] != '/')
	{
		close(fd);
		answer_redirect_dir(c, req, path);
		return;
	}
	strcpy(path + len, "index.html");
	e = cache_find(&srv->cache, srv->site.root, path);
	if (e != NULL)
	{
		close(fd);
		serve_file(srv, c, req, path, -1, e, NULL);
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
	const struct cache_entry *e = NULL;
	struct stat st;
	int fd = -1, status;

	status = answer_method(req->method);
	if (status == 0)
		status = request_path(req->target, path, sizeof(path) - 16);
	if (status == 0)
		e = cache_find(&srv->cache, srv->site.root, path);
	if (status == 0 && e == NULL)
		status = site_open_file(&srv->site, path, &fd, &st);
	if (status != 0)
		return (answer_status(c, req, status, ""));
	if (e != NULL)
		serve_file(srv, c, req, path, -1, e, NULL);
	else if (S_ISDIR(st.st_mode))
		serve_dir(srv, c, req, path, fd);
	else
		serve_opened(srv, c, req, path, fd, &st);
	return (0);
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
 * start - open DIR, read the media types, listen
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

	srv->cache.valid_ms = timeout_env_ms("CACHE_VALID", CACHE_VALID_MS);
	if (srv->cache.valid_ms < 0)
	{
		fprintf(stderr, "%s: CACHE_VALID must be a number of seconds\n",
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
	h->name = NAME;
	h->answer = answer;
	h->data = srv;
	h->acceptor.on_pause = on_pause;
	if (http11_listen(loop, h, port, err, sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (-1);
	}
	return (0);
}

/**
 * struct where - what every worker serves
 * @port: the port asked for (0: any free one)
 * @dir: the directory
 */
struct where
{
	int port;
	const char *dir;
};

/**
 * serve - serve @data's directory until SIGINT or SIGTERM (the whole
 * server, or one of its workers)
 * @fd: the listening socket, or -1 to open one and say where
 * @ready: the pipe to tell the master that this worker serves, or -1
 * @data: the struct where
 *
 * Return: 0 when stopped by a signal, 1 on failure.
 */
static int serve(int fd, int ready, void *data)
{
	const struct where *w = data;
	struct server srv;
	struct loop *loop;
	int failed = 1;

	memset(&srv, 0, sizeof(srv));
	srv.http.acceptor.max = sock_raise_fd_limit() - SPARE_FDS;
	if (srv.http.acceptor.max < 1)
		srv.http.acceptor.max = 1;
	srv.http.acceptor.fd = fd;
	srv.site.root = -1;
	loop = loop_new(&srv.http);
	if (loop == NULL || loop_stop_on_signals(loop) != 0)
		perror(NAME ": cannot start the event loop");
	else if (start(loop, &srv, w->port, w->dir) == 0)
	{
		/* A worker tells its master, which says where they listen. */
		if (fd < 0)
			sock_say_listening(sock_listen_address(),
					   listener_port(srv.http.acceptor.fd));
		workers_ready(ready, listener_port(srv.http.acceptor.fd));
		failed = loop_run(loop) != 0;
		if (failed)
			perror(NAME ": event loop");
	}
	http11_stop(loop, &srv.http);
	site_close(&srv.site);
	cache_free(&srv.cache);
	mime_free(&srv.mime);
	loop_free(loop);
	return (failed);
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
	struct where w;
	int workers, failed;

	w.port = sock_parse_port(argc >= 2 ? argv[1] : DEFAULT_PORT);
	w.dir = argc == 3 ? argv[2] : ".";
	if (argc > 3 || w.port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT [DIR]]\n", NAME);
		return (2);
	}
	workers = workers_env();
	if (workers < 0)
	{
		fprintf(stderr, "%s: WORKERS must be a whole number from 1 to %d\n",
			NAME, WORKERS_MAX);
		return (1);
	}
	/* sendfile() has no MSG_NOSIGNAL: a client that went away must not
	 * kill the server with SIGPIPE.
	 */
	signal(SIGPIPE, SIG_IGN);
	/* The log goes out once per round of the loop: with a buffer this
	 * large, in one write(), and whole (the workers share stdout: a line
	 * is never cut by another worker's, unless a round logs over a MiB).
	 */
	setvbuf(stdout, NULL, _IOFBF, LOG_BUFFER);
	if (workers == 1)
		failed = serve(-1, -1, &w);
	else
		failed = workers_run(NAME, workers, w.port, serve, &w);
	if (!failed)
		printf("Server stopped\n");
	return (failed);
}
