/*
 * floor.c - the floor of bench/http_server.sh: the least work an HTTP
 * server can do per request on this machine.
 *
 *   cc -O2 -o floor bench/floor.c && ./floor [PORT]
 *   Listening on 127.0.0.1:PORT
 *
 * One epoll loop, one thread. Every request gets the same answer, a 200
 * with a 4 KiB body held in memory: no file, no parsing beyond counting
 * the empty lines that end the requests (so pipelined requests get one
 * answer each), no log. Per request, one recv() and one send(): what no
 * real server can go below. Not an exercise: a measuring stick, so that
 * the benchmark can say how close to the floor 104-fast_server is.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BODY_SIZE 4096
#define MAX_FDS 65536
#define MAX_BATCH 64	/* answers sent in one send(): pipelined requests */

static char answer[256 + BODY_SIZE];
static size_t answer_len;
static char batch[MAX_BATCH * sizeof(answer)];
static unsigned int tail[MAX_FDS];	/* how far into "\r\n\r\n" each is */

/**
 * make_answer - the one answer: a head, and 4 KiB of text like the file
 * bench/http_server.sh serves
 */
static void make_answer(void)
{
	char *body;
	int i;

	answer_len = sprintf(answer, "HTTP/1.1 200 OK\r\nServer: floor\r\n"
			     "Content-Type: text/html\r\n"
			     "Content-Length: %d\r\n\r\n", BODY_SIZE);
	body = answer + answer_len;
	for (i = 0; i < BODY_SIZE; i++)
		body[i] = i % 64 == 63 ? '\n' : "0123456789abcdef"[i % 16];
	answer_len += BODY_SIZE;
}

/**
 * count_ends - count the "\r\n\r\n" that end requests in @p, carrying a
 * partial match over from the last read in @state
 * @p: the bytes read
 * @n: how many
 * @state: 0 to 3, the part of "\r\n\r\n" seen at the end of the last read
 *
 * Return: the number of requests that ended.
 */
static int count_ends(const char *p, ssize_t n, unsigned int *state)
{
	static const char end[] = "\r\n\r\n";
	int ends = 0;
	ssize_t i;

	for (i = 0; i < n; i++)
	{
		if (p[i] == end[*state])
			(*state)++;
		else
			*state = p[i] == '\r' ? 1 : 0;
		if (*state == 4)
		{
			ends++;
			*state = 0;
		}
	}
	return (ends);
}

/**
 * serve - read what @fd sent; answer each request that ended
 * @fd: a client
 *
 * Return: 0 to keep it, -1 to close it.
 */
static int serve(int fd)
{
	char in[16384];
	ssize_t n = recv(fd, in, sizeof(in), 0);
	int ends, i;

	if (n <= 0)
		return (-1);
	ends = count_ends(in, n, &tail[fd]);
	if (ends > MAX_BATCH)
		return (-1);
	for (i = 0; i < ends; i++)
		memcpy(batch + i * answer_len, answer, answer_len);
	/* The socket buffer takes it whole: wrk reads as fast as we write. */
	if (ends > 0 &&
	    send(fd, batch, ends * answer_len, MSG_NOSIGNAL) !=
	    (ssize_t)(ends * answer_len))
		return (-1);
	return (0);
}

/**
 * listen_on - a listening socket on 127.0.0.1:@port, added to @ep
 * @ep: the epoll instance
 * @port: the port (0: any)
 *
 * Return: the socket, or -1.
 */
static int listen_on(int ep, int port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	struct epoll_event ev;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), on = 1;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ev.events = EPOLLIN;
	ev.data.fd = fd;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
				 sizeof(on)) != 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, 4096) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0 ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0)
		return (-1);
	printf("Listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
	fflush(stdout);
	return (fd);
}

/**
 * accept_all - take every waiting connection into @ep
 * @ep: the epoll instance
 * @lfd: the listening socket
 */
static void accept_all(int ep, int lfd)
{
	struct epoll_event ev;
	int fd;

	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0)
	{
		ev.events = EPOLLIN;
		ev.data.fd = fd;
		tail[fd % MAX_FDS] = 0;
		if (fd >= MAX_FDS || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0)
			close(fd);
	}
}

/**
 * main - serve until killed
 * @argc: 1 or 2
 * @argv: the port, if given
 *
 * Return: 1 if it cannot listen (it never returns otherwise).
 */
int main(int argc, char **argv)
{
	struct epoll_event evs[256];
	int ep = epoll_create1(0), lfd, n, i;

	make_answer();
	signal(SIGPIPE, SIG_IGN);
	lfd = listen_on(ep, argc > 1 ? atoi(argv[1]) : 0);
	if (ep < 0 || lfd < 0)
	{
		perror("floor");
		return (1);
	}
	for (;;)
	{
		n = epoll_wait(ep, evs, 256, -1);
		for (i = 0; i < n; i++)
		{
			if (evs[i].data.fd == lfd)
				accept_all(ep, lfd);
			else if (serve(evs[i].data.fd) != 0)
				close(evs[i].data.fd);
		}
	}
}
