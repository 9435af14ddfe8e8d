/*
 * 105-udp_echo_server - send every datagram back to where it came from
 *
 * Usage: ./105-udp_echo_server [PORT]   (default 12000; 0: any free port)
 *
 *   $ ./105-udp_echo_server 12000
 *   Listening on 127.0.0.1:12000
 *   Received 24 bytes from 127.0.0.1:50123
 *
 *   $ ./106-udp_pinger 127.0.0.1 12000        (in another terminal)
 *
 * UDP has no connections: one socket receives the datagrams of every
 * client, recvfrom() says who sent each one, and sendto() answers that
 * address. A datagram arrives whole or not at all, so one recvfrom() is
 * one message (up to 65,507 bytes, the most UDP carries over IPv4).
 *
 * For 106-udp_pinger and for the classroom, the network can be made worse:
 *   LOSS=P         drop P % of the datagrams (a whole number, 0 to 100).
 *                  Which ones is decided by a pseudo-random sequence that
 *                  LOSS_SEED (default 1) starts, so the same seed drops the
 *                  same datagrams on every run (see next_random());
 *   REPLY_DELAY=S  wait S seconds (decimals allowed) before each reply.
 * A dropped datagram is logged with " (dropped)" after it.
 *
 * What it teaches: socket(SOCK_DGRAM), bind(), recvfrom() and sendto();
 * that a datagram is a message with a sender, not part of a stream; and
 * that UDP loses datagrams without telling anyone.
 *
 * SIGINT or SIGTERM: a last line, exit 0. Exit 1 if it cannot start, 2 on
 * wrong arguments.
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
#include <sys/socket.h>

#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "105-udp_echo_server"
#define DEFAULT_PORT "12000"
#define MAX_DATAGRAM 65507 /* 65,535 less the IPv4 and UDP headers */

/* Set by the signal handler: a volatile sig_atomic_t is all a handler may
 * safely write.
 */
static volatile sig_atomic_t stop;

/**
 * struct faults - how much worse than the real network to be
 * @loss: the percentage of datagrams to drop
 * @state: where the pseudo-random sequence is
 * @delay_ms: how long to wait before each reply
 */
struct faults
{
	long loss;
	unsigned long state;
	long delay_ms;
};

/**
 * on_signal - ask the server to stop
 * @sig: the signal (unused)
 */
static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/**
 * next_random - the next number of the pseudo-random sequence, 0 to 32767
 * @state: the sequence's state, moved on
 *
 * The generator of the C standard's example rand(), written out so that
 * every server (and the tests' mock) draws the same numbers from the same
 * seed, whatever its C library.
 *
 * Return: the number.
 */
static unsigned long next_random(unsigned long *state)
{
	*state = (*state * 1103515245UL + 12345UL) & 0x7fffffffUL;
	return (*state >> 16);
}

/**
 * read_whole - read a whole number from the environment
 * @name: the variable
 * @value: where to put it (left alone if the variable is unset or empty)
 * @max: the largest value allowed
 *
 * Return: 0, or -1 (with a line on stderr) if it is not a number from 0
 * to @max.
 */
static int read_whole(const char *name, long *value, long max)
{
	const char *s = getenv(name);
	char *end;
	long n;

	if (s == NULL || *s == '\0')
		return (0);
	errno = 0;
	n = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || n < 0 || n > max || *s == '-' ||
	    *s == '+' || *s == ' ')
	{
		fprintf(stderr, "%s: %s must be a whole number from 0 to %ld\n",
			NAME, name, max);
		return (-1);
	}
	*value = n;
	return (0);
}

/**
 * read_faults - read LOSS, LOSS_SEED and REPLY_DELAY
 * @f: where to put them
 *
 * Return: 0, or -1 (with a line on stderr) if one is not valid.
 */
static int read_faults(struct faults *f)
{
	long seed = 1;

	f->loss = 0;
	if (read_whole("LOSS", &f->loss, 100) != 0 ||
	    read_whole("LOSS_SEED", &seed, 2147483647L) != 0)
		return (-1);
	f->state = (unsigned long)seed;
	f->delay_ms = timeout_env_ms("REPLY_DELAY", 0);
	if (f->delay_ms < 0)
	{
		fprintf(stderr, "%s: REPLY_DELAY must be a number of seconds\n",
			NAME);
		return (-1);
	}
	return (0);
}

/**
 * open_socket - a UDP socket bound to 127.0.0.1:@port
 * @port: the port; 0 for any free one
 *
 * Return: the socket, or -1 (with a line on stderr).
 */
static int open_socket(int port)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
	{
		fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", NAME,
			port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return (-1);
	}
	return (fd);
}

/**
 * wait_ms - sleep for a while (a signal cuts it short)
 * @ms: how long, in milliseconds
 */
static void wait_ms(long ms)
{
	struct timespec t;

	t.tv_sec = ms / 1000;
	t.tv_nsec = ms % 1000 * 1000000L;
	nanosleep(&t, NULL);
}

/**
 * echo - answer one datagram with its own bytes, unless it is dropped
 * @fd: the socket
 * @f: the faults to apply
 * @data: the datagram
 * @len: its length
 * @from: who sent it
 * @from_len: the length of @from
 */
static void echo(int fd, struct faults *f, const char *data, size_t len,
		 const struct sockaddr_in *from, socklen_t from_len)
{
	char addr[INET_ADDRSTRLEN];
	int drop = f->loss > 0 && (long)(next_random(&f->state) % 100) < f->loss;

	inet_ntop(AF_INET, &from->sin_addr, addr, sizeof(addr));
	printf("Received %lu bytes from %s:%d%s\n", (unsigned long)len, addr,
	       ntohs(from->sin_port), drop ? " (dropped)" : "");
	fflush(stdout);
	if (drop)
		return;
	if (f->delay_ms > 0)
		wait_ms(f->delay_ms);
	/* A failed reply is not the server's problem: the client may be
	 * gone, and UDP promises nothing anyway.
	 */
	sendto(fd, data, len, 0, (const struct sockaddr *)from, from_len);
}

/**
 * serve - receive datagrams and echo them until a signal
 * @fd: the socket
 * @f: the faults to apply
 *
 * Return: 0 when stopped by a signal, 1 on error.
 */
static int serve(int fd, struct faults *f)
{
	static char data[MAX_DATAGRAM + 1];
	struct sockaddr_in from;
	socklen_t from_len;
	ssize_t n;

	while (!stop)
	{
		from_len = sizeof(from);
		n = recvfrom(fd, data, sizeof(data), 0, (struct sockaddr *)&from,
			     &from_len);
		if (n >= 0)
			echo(fd, f, data, n, &from, from_len);
		else if (errno != EINTR)
		{
			perror(NAME ": recvfrom");
			return (1);
		}
	}
	return (0);
}

/**
 * main - echo datagrams on 127.0.0.1:PORT until SIGINT or SIGTERM
 * @argc: number of arguments
 * @argv: the arguments: the optional port
 *
 * Return: 0 when stopped by a signal, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	struct sigaction sa;
	struct faults f;
	int port, fd, failed;

	port = sock_parse_port(argc == 2 ? argv[1] : DEFAULT_PORT);
	if (argc > 2 || port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT]\n", NAME);
		return (2);
	}
	if (read_faults(&f) != 0 || (fd = open_socket(port)) < 0)
		return (1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* No SA_RESTART: recvfrom() must return, so the loop sees "stop". */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	getsockname(fd, (struct sockaddr *)&addr, &len);
	printf("Listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
	fflush(stdout);
	failed = serve(fd, &f);
	close(fd);
	if (!failed)
		printf("Server stopped\n");
	return (failed);
}
