#ifndef LIB_SERVER_HTTP10_H
#define LIB_SERVER_HTTP10_H

/*
 * Written in exercise 15: the API of lib/server/http10.c (given). Used by
 * 15-http_server.
 */

#include <sys/types.h>
#include <netinet/in.h>

#include "lib/buf.h"
#include "lib/server/acceptor.h"
#include "lib/server/loop.h"
#include "lib/server/request.h"
#include "lib/server/response.h"

/* CLIENT_TIMEOUT's default, in milliseconds. */
#define HTTP10_TIMEOUT_MS 10000L
/* How long unread input is drained before the connection is closed. */
#define HTTP10_LINGER_MS 2000L

/**
 * struct http10_conn - one client, from its request to the end of the
 * answer
 * @fd: its socket
 * @peer: the client's address, for the log
 * @in: the request's bytes so far
 * @in_len: bytes in @in
 * @out: the answer's head (and a short body, such as an error's)
 * @out_sent: bytes of @out sent so far
 * @file: the file whose body follows @out, or -1 (owned)
 * @file_pos: the next byte of @file to send
 * @file_end: the size of @file
 * @lingering: all is sent; what the client still sends is dropped
 * @unsent: while lingering, the bytes the kernel still held for the
 *          client at the last look (sock_still_taking())
 * @prev: the previous connection in the server's list
 * @next: the next one
 */
struct http10_conn
{
	int fd;
	char peer[RESPONSE_PEER_SIZE];
	char in[REQUEST_MAX_HEAD];
	size_t in_len;
	struct buf out;
	size_t out_sent;
	int file;
	off_t file_pos;
	off_t file_end;
	int lingering;
	int unsent;
	struct http10_conn *prev;
	struct http10_conn *next;
};

/* Answer a request: put the answer's head (and a short body) in c->out,
 * and the file that follows it, if any, in c->file and c->file_end.
 * @req is NULL if the request could not be read: @status says why (400,
 * 431, ...). Leaving c->out empty closes the connection.
 */
typedef void (*http10_answer_cb)(struct http10_conn *c,
				 const struct request_head *req, int status,
				 void *data);

/**
 * struct http10 - a server that answers one request per connection
 * @acceptor: the listening socket, in the loop (written in 13)
 * @timeout_ms: CLIENT_TIMEOUT, in milliseconds (set by http10_listen())
 * @answer: answers each request
 * @data: given to @answer
 * @conns: every open connection (owned: each is freed when it closes)
 */
struct http10
{
	struct acceptor acceptor;
	long timeout_ms;
	http10_answer_cb answer;
	void *data;
	struct http10_conn *conns;
};

int http10_listen(struct loop *loop, struct http10 *h, int port, char *err,
		  size_t size);
void http10_stop(struct loop *loop, struct http10 *h);

#endif /* LIB_SERVER_HTTP10_H */
