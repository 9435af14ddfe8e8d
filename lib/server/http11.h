#ifndef LIB_SERVER_HTTP11_H
#define LIB_SERVER_HTTP11_H

/*
 * Written in exercise 103: the API of lib/server/http11.c (given). Used
 * by 103-http11_server and 104-fast_server.
 */

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/server/acceptor.h"
#include "lib/server/files.h"
#include "lib/server/loop.h"
#include "lib/server/request.h"
#include "lib/server/response.h"

/* CLIENT_TIMEOUT's default, in milliseconds. */
#define HTTP11_IDLE_MS 10000L

struct http11;

/**
 * struct http11_conn - one client connection, kept open between requests
 * @fd: its socket
 * @peer: the client's address, for the log
 * @server: the server it belongs to
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
 * @unsent: while lingering, the bytes the kernel still held for the
 *          client at the last look (sock_still_taking())
 * @prev: the previous connection in the server's list
 * @next: the next one
 */
struct http11_conn
{
	int fd;
	char peer[RESPONSE_PEER_SIZE];
	struct http11 *server;
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
	int unsent;
	struct http11_conn *prev;
	struct http11_conn *next;
};

/* Answer one complete request: write the answer with the functions of
 * lib/server/answer.h (into h->out, and a file with http11_send_file()).
 * Return 1 if the connection must close after this answer (what
 * answer_status() returns), else 0.
 */
typedef int (*http11_answer_cb)(struct http11 *h, struct http11_conn *c,
				const struct request_head *req);

/**
 * struct http11 - what every connection of an HTTP/1.1 server shares
 * @acceptor: the listening socket, in the loop (written in 13)
 * @name: the server's name, for the Server field
 * @idle_ms: CLIENT_TIMEOUT, in milliseconds (set by http11_listen())
 * @answer: answers each request
 * @data: for @answer's use
 * @out: where answers are built before they are sent; shared by all
 *       connections, so answering costs no allocation
 * @failed: building an answer failed (out of memory, a file that shrank)
 * @now: the second that @date and @log_date show
 * @date: the time for the Date field
 * @log_date: the time for the log
 * @conns: every open connection (owned: each is freed by http11_close())
 */
struct http11
{
	struct acceptor acceptor;
	const char *name;
	long idle_ms;
	http11_answer_cb answer;
	void *data;
	struct buf out;
	int failed;
	time_t now;
	char date[RESPONSE_DATE_SIZE];
	char log_date[RESPONSE_DATE_SIZE];
	struct http11_conn *conns;
};

int http11_listen(struct loop *loop, struct http11 *h, int port, char *err,
		  size_t size);
void http11_close(struct loop *loop, struct http11_conn *c);
void http11_stop(struct loop *loop, struct http11 *h);
void http11_send_file(struct http11_conn *c, int fd, off_t first, off_t end);

#endif /* LIB_SERVER_HTTP11_H */
