/*
 * hello_load - a load generator for the hello protocol (11, 13), and a
 * holder of idle connections (for 13 and 14's memory per connection)
 *
 * Usage: hello_load PORT CONCURRENCY SECONDS
 *        hello_load --idle PORT COUNT
 *
 * The first form keeps CONCURRENCY connections to 127.0.0.1:PORT busy for
 * SECONDS: each connects, sends "hello\n", shuts down its writing side,
 * reads the reply to the end, checks it is "Hello, client!\n", and starts
 * over. It prints one line:
 *   connections 41234 errors 0 seconds 3.00 per_second 13744.7
 *
 * The second form opens COUNT connections, prints "holding COUNT" once all
 * are connected, and holds them (reading and discarding whatever the
 * server sends) until SIGTERM or SIGINT; then it prints "still open N",
 * N being how many the server did not close.
 *
 * One thread, non-blocking sockets, level-triggered epoll: it must not be
 * the bottleneck of what it measures.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define REPLY "Hello, client!\n"
#define MAX_EVENTS 512

static volatile sig_atomic_t stop;

/**
 * struct conn - one connection's progress
 * @got: bytes of reply received
 * @reply: the reply so far
 */
struct conn
{
	int got;
	char reply[32];
};

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Start a non-blocking connection and register it; -1 on failure. */
static int start_conn(int ep, struct sockaddr_in *addr, int events)
{
	struct epoll_event ev;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return (-1);
	if (connect(fd, (struct sockaddr *)addr, sizeof(*addr)) != 0 &&
	    errno != EINPROGRESS)
	{
		close(fd);
		return (-1);
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.fd = fd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0)
	{
		close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * One event on a busy connection. Return 1 when the exchange is over
 * (counted as done, or as an error when *failed is set), 0 to go on.
 */
static int on_event(int ep, int fd, unsigned int events, struct conn *c,
		    int *failed)
{
	struct epoll_event ev;
	ssize_t n;

	if (events & EPOLLOUT)
	{
		if (send(fd, "hello\n", 6, MSG_NOSIGNAL) != 6 ||
		    shutdown(fd, SHUT_WR) != 0)
			return (*failed = 1);
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.fd = fd;
		epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
		return (0);
	}
	n = recv(fd, c->reply + c->got, sizeof(c->reply) - 1 - c->got, 0);
	if (n < 0 && errno == EAGAIN)
		return (0);
	if (n > 0)
	{
		c->got += n;
		return (c->got < (int)sizeof(c->reply) - 1 ? 0 : (*failed = 1));
	}
	c->reply[c->got] = '\0';
	*failed = n < 0 || strcmp(c->reply, REPLY) != 0;
	return (1);
}

static int busy(struct sockaddr_in *addr, int concurrency, double seconds)
{
	struct epoll_event evs[MAX_EVENTS];
	struct conn *conns = calloc(65536, sizeof(*conns));
	long done = 0, errors = 0;
	double start = now(), end = start + seconds;
	int ep = epoll_create1(0), i, n, fd, failed;

	for (i = 0; i < concurrency; i++)
		if (start_conn(ep, addr, EPOLLOUT) < 0)
			errors++;
	while (now() < end)
	{
		n = epoll_wait(ep, evs, MAX_EVENTS, 100);
		for (i = 0; i < n; i++)
		{
			fd = evs[i].data.fd;
			failed = 0;
			if (!on_event(ep, fd, evs[i].events, &conns[fd], &failed))
				continue;
			close(fd);
			memset(&conns[fd], 0, sizeof(conns[fd]));
			if (failed)
				errors++;
			else
				done++;
			if (start_conn(ep, addr, EPOLLOUT) < 0)
				errors++;
		}
	}
	seconds = now() - start;
	printf("connections %ld errors %ld seconds %.2f per_second %.1f\n",
	       done, errors, seconds, done / seconds);
	free(conns);
	return (errors > 0);
}

/*
 * Read and throw away whatever the server sent; count closed connections
 * in *open. Return how many connections had something.
 */
static int drain(int ep, int timeout_ms, int *open)
{
	struct epoll_event evs[MAX_EVENTS];
	char junk[65536];
	int i, n;

	n = epoll_wait(ep, evs, MAX_EVENTS, timeout_ms);
	for (i = 0; i < n; i++)
		if (recv(evs[i].data.fd, junk, sizeof(junk), 0) == 0)
		{
			close(evs[i].data.fd);
			(*open)--;
		}
	return (n);
}

/*
 * Connections are opened 100 at a time, with a pause between batches in
 * which what the server sent is read: a chat server announces each join
 * to everyone, and connecting all at once would measure that storm
 * rather than idle connections.
 */
static int idle(struct sockaddr_in *addr, int count)
{
	int ep = epoll_create1(0), i, open = 0;

	for (i = 0; i < count && !stop; i++)
	{
		if (start_conn(ep, addr, EPOLLIN) >= 0)
			open++;
		/* After each batch, read until nothing more comes. */
		if (i % 100 == 99)
			while (drain(ep, 50, &open) > 0)
				;
	}
	printf("holding %d\n", open);
	fflush(stdout);
	while (!stop)
		drain(ep, 100, &open);
	printf("still open %d\n", open);
	return (open == count ? 0 : 1);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	struct rlimit rl;
	int is_idle = argc == 4 && strcmp(argv[1], "--idle") == 0;

	if (argc != 4)
	{
		fprintf(stderr, "Usage: hello_load PORT CONCURRENCY SECONDS\n"
			"       hello_load --idle PORT COUNT\n");
		return (2);
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
	{
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(atoi(argv[1 + is_idle]));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (is_idle)
		return (idle(&addr, atoi(argv[3])));
	return (busy(&addr, atoi(argv[2]), atof(argv[3])));
}
