/*
 * 106-udp_pinger - ping a UDP echo server, and measure round-trip times
 *
 * Usage: ./106-udp_pinger HOST PORT [COUNT]   (COUNT 1 to 1000, default 10)
 *
 *   $ ./106-udp_pinger 127.0.0.1 12000 3
 *   PING 127.0.0.1 port 12000
 *   Reply from 127.0.0.1: seq=1 time=0.094 ms
 *   Request timed out: seq=2
 *   Reply from 127.0.0.1: seq=3 time=0.061 ms
 *
 *   --- 127.0.0.1 port 12000 ping statistics ---
 *   3 packets transmitted, 2 received, 33% packet loss
 *   rtt min/avg/max = 0.061/0.077/0.094 ms
 *
 * Sends COUNT datagrams "Ping SEQ TIME" (SEQ from 1; TIME when it was
 * sent, in seconds since 1970 with microseconds), one at a time, and waits
 * up to PING_TIMEOUT seconds (default 1; decimals allowed) for each to come
 * back. An echo server (105-udp_echo_server) returns the same bytes; any
 * other datagram (a late reply to an earlier ping, a duplicate, garbage) is
 * not the reply awaited and is ignored. Packet loss is counted in whole
 * percent, rounded down, as ping does.
 *
 * What it teaches: connect() on a UDP socket sends nothing, but fixes the
 * peer: the kernel then drops datagrams from any other address, and an
 * ICMP "port unreachable" comes back as ECONNREFUSED from recv(); a wait
 * with a timeout (poll()); that a reply may come late, twice or never, so
 * each is checked against the ping it answers; and measuring time with a
 * monotonic clock, which no clock change can make run backwards.
 *
 * Exit status, as ping's: 0 if any reply came, 1 if none did (or on a
 * failure, such as a name that does not resolve: one line on stderr), 2 on
 * wrong arguments.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "106-udp_pinger"
#define DEFAULT_COUNT 10
#define MAX_COUNT 1000
#define DEFAULT_WAIT_MS 1000L

/**
 * struct stats - what the pings measured
 * @sent: pings sent
 * @received: replies received
 * @min_us: the shortest round trip, in microseconds
 * @max_us: the longest
 * @total_us: all of them added up
 */
struct stats
{
	long sent;
	long received;
	long min_us;
	long max_us;
	long total_us;
};

/**
 * now_us - a monotonic clock, in microseconds
 *
 * Return: the time, from an arbitrary start.
 */
static long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec * 1000000L + t.tv_nsec / 1000);
}

/**
 * connect_to - a UDP socket connected to HOST:PORT
 * @host: a name, an IPv4 or an IPv6 address
 * @port: the port, as text
 * @addr: where to write the address it connected to, as text
 * @size: the size of @addr
 *
 * Return: the socket, or -1 (with a line on stderr).
 */
static int connect_to(const char *host, const char *port, char *addr,
		      size_t size)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0)
	{
		fprintf(stderr, "%s: cannot resolve %s: %s\n", NAME, host,
			gai_strerror(rc));
		return (-1);
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
	{
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0)
		{
			close(fd);
			fd = -1;
		}
		if (fd >= 0)
			getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, size, NULL,
				    0, NI_NUMERICHOST);
	}
	if (fd < 0)
		fprintf(stderr, "%s: cannot reach %s port %s: %s\n", NAME, host,
			port, strerror(errno));
	freeaddrinfo(res);
	return (fd);
}

/**
 * wait_reply - wait for the echo of one ping
 * @fd: the connected socket
 * @ping: the ping's bytes
 * @len: their length
 * @wait_ms: how long to wait
 *
 * Return: 0 when the echo came, 1 on a timeout, 2 if the port is
 * unreachable, -1 on another error.
 */
static int wait_reply(int fd, const char *ping, size_t len, long wait_ms)
{
	long deadline = timeout_now_ms() + wait_ms, left;
	struct pollfd p;
	char reply[256];
	ssize_t n;

	p.fd = fd;
	p.events = POLLIN;
	for (;;)
	{
		left = deadline - timeout_now_ms();
		if (left <= 0 || poll(&p, 1, (int)left) == 0)
			return (1);
		n = recv(fd, reply, sizeof(reply), 0);
		if (n < 0 && errno == ECONNREFUSED)
			return (2);
		if (n < 0 && errno != EINTR)
			return (-1);
		/* Only the same bytes answer this ping: an echo of an earlier
		 * one (late, or sent twice) has another SEQ.
		 */
		if (n == (ssize_t)len && memcmp(reply, ping, len) == 0)
			return (0);
	}
}

/**
 * ping_once - send ping @seq, wait for its echo, print what happened
 * @fd: the connected socket
 * @addr: the server's address, for the report
 * @seq: the ping's number
 * @wait_ms: how long to wait for the echo
 * @s: the statistics to update
 *
 * Return: 0, or -1 on an error other than a lost ping.
 */
static int ping_once(int fd, const char *addr, long seq, long wait_ms,
		     struct stats *s)
{
	char ping[64];
	struct timeval tv;
	long start, rtt;
	int len, rc;

	gettimeofday(&tv, NULL);
	len = sprintf(ping, "Ping %ld %ld.%06ld", seq, (long)tv.tv_sec,
		      (long)tv.tv_usec);
	start = now_us();
	s->sent++;
	if (send(fd, ping, len, 0) < 0)
		rc = errno == ECONNREFUSED ? 2 : -1;
	else
		rc = wait_reply(fd, ping, len, wait_ms);
	rtt = now_us() - start;
	if (rc == 1)
		printf("Request timed out: seq=%ld\n", seq);
	else if (rc == 2)
		printf("Port unreachable: seq=%ld\n", seq);
	else if (rc < 0)
		fprintf(stderr, "%s: %s\n", NAME, strerror(errno));
	else
	{
		printf("Reply from %s: seq=%ld time=%ld.%03ld ms\n", addr, seq,
		       rtt / 1000, rtt % 1000);
		if (s->received == 0 || rtt < s->min_us)
			s->min_us = rtt;
		if (s->received == 0 || rtt > s->max_us)
			s->max_us = rtt;
		s->total_us += rtt;
		s->received++;
	}
	fflush(stdout);
	return (rc < 0 ? -1 : 0);
}

/**
 * print_stats - the summary, as ping prints it
 * @host: the host, as given
 * @port: the port, as given
 * @s: the statistics
 */
static void print_stats(const char *host, const char *port,
			const struct stats *s)
{
	long avg;

	printf("\n--- %s port %s ping statistics ---\n", host, port);
	printf("%ld packets transmitted, %ld received, %ld%% packet loss\n",
	       s->sent, s->received, (s->sent - s->received) * 100 / s->sent);
	if (s->received == 0)
		return;
	avg = s->total_us / s->received;
	printf("rtt min/avg/max = %ld.%03ld/%ld.%03ld/%ld.%03ld ms\n",
	       s->min_us / 1000, s->min_us % 1000, avg / 1000, avg % 1000,
	       s->max_us / 1000, s->max_us % 1000);
}

/**
 * read_count - read COUNT
 * @s: the argument, or NULL for the default
 *
 * Return: the count, or -1 if it is not a number from 1 to MAX_COUNT.
 */
static long read_count(const char *s)
{
	char *end;
	long n;

	if (s == NULL)
		return (DEFAULT_COUNT);
	errno = 0;
	n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || n < 1 ||
	    n > MAX_COUNT)
		return (-1);
	return (n);
}

/**
 * main - ping HOST:PORT COUNT times and sum it up
 * @argc: number of arguments
 * @argv: the arguments: HOST, PORT and the optional COUNT
 *
 * Return: 0 if any reply came, 1 if none did or on failure, 2 on wrong
 * arguments.
 */
int main(int argc, char **argv)
{
	struct stats s = {0, 0, 0, 0, 0};
	char addr[NI_MAXHOST];
	long count, wait_ms, seq;
	int fd, failed = 0;

	count = read_count(argc == 4 ? argv[3] : NULL);
	if (argc < 3 || argc > 4 || count < 0 || sock_parse_port(argv[2]) <= 0)
	{
		fprintf(stderr, "Usage: ./%s HOST PORT [COUNT]\n", NAME);
		return (2);
	}
	wait_ms = timeout_env_ms("PING_TIMEOUT", DEFAULT_WAIT_MS);
	if (wait_ms < 0)
	{
		fprintf(stderr, "%s: PING_TIMEOUT must be a number of seconds\n",
			NAME);
		return (1);
	}
	fd = connect_to(argv[1], argv[2], addr, sizeof(addr));
	if (fd < 0)
		return (1);
	printf("PING %s port %s\n", argv[1], argv[2]);
	for (seq = 1; seq <= count && !failed; seq++)
		failed = ping_once(fd, addr, seq, wait_ms, &s) != 0;
	close(fd);
	print_stats(argv[1], argv[2], &s);
	return (out_flush(NAME) || failed || s.received == 0);
}
