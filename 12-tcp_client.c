/*
 * 12-tcp_client - send one message to a TCP server and print its reply
 *
 * Usage: ./12-tcp_client HOST PORT [MESSAGE]   (default: Hello, server!)
 *
 *   $ ./12-tcp_client 127.0.0.1 12345
 *   Response: Hello, client!
 *
 * Resolves HOST (a name, an IPv4 or an IPv6 address), connects, sends
 * MESSAGE and a newline, shuts down its writing side (the server then
 * knows the message is complete), reads the reply to the end and prints
 * "Response: <reply>".
 *
 * What it teaches: the getaddrinfo() loop (try every address the name
 * has until one connects), a connect() that cannot hang (non-blocking,
 * then poll() with a deadline), partial writes, and half-closing with
 * shutdown().
 *
 * Exit status: 0 on success, 1 on failure (cannot resolve, refused,
 * timeout: the reason is on stderr), 2 on wrong arguments. NET_TIMEOUT
 * (seconds) shortens the 30 s limit, and the 10 s connect limit with it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>

#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "12-tcp_client"
#define MAX_REPLY 65536

/**
 * wait_for - wait until @fd is ready for @events, or @deadline passes
 * @fd: the socket
 * @events: POLLIN or POLLOUT
 * @deadline: a timeout_now_ms() time
 *
 * Return: 0 when ready, -1 with errno ETIMEDOUT (or poll's error).
 */
static int wait_for(int fd, short events, long deadline)
{
	struct pollfd p;
	long left;
	int n;

	p.fd = fd;
	p.events = events;
	do {
		left = deadline - timeout_now_ms();
		n = poll(&p, 1, left > 0 ? (int)left : 0);
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	return (n > 0 ? 0 : -1);
}

/**
 * try_connect - connect to one address, giving up at @deadline
 * @ai: the address
 * @deadline: a timeout_now_ms() time
 *
 * Return: a connected, non-blocking socket, or -1 with errno set.
 */
static int try_connect(const struct addrinfo *ai, long deadline)
{
	int fd, err = 0;
	socklen_t len = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0)
		return (-1);
	/* Non-blocking, connect() returns at once; poll() then waits for
	 * the outcome no longer than we allow, and SO_ERROR tells it.
	 */
	if (sock_nonblock(fd) != 0)
		err = errno;
	else if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 &&
		 errno != EINPROGRESS)
		err = errno;
	else if (wait_for(fd, POLLOUT, deadline) != 0)
		err = errno;
	else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err == 0)
		return (fd);
	close(fd);
	errno = err;
	return (-1);
}

/**
 * connect_to - the getaddrinfo loop: try each address of @host
 * @host: a name or an address
 * @port: the port, as text
 * @deadline: when to give up connecting
 *
 * Return: a connected socket, or -1 (the reason is on stderr).
 */
static int connect_to(const char *host, const char *port, long deadline)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, err;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;	/* IPv4 or IPv6, whatever HOST has */
	hints.ai_socktype = SOCK_STREAM;
	err = getaddrinfo(host, port, &hints, &res);
	if (err != 0)
	{
		fprintf(stderr, "%s: cannot resolve %s: %s\n", NAME, host,
			gai_strerror(err));
		return (-1);
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
		fd = try_connect(ai, deadline);
	if (fd < 0)
		fprintf(stderr, "%s: cannot connect to %s port %s: %s\n", NAME,
			host, port, errno == ETIMEDOUT ? "timed out" :
			strerror(errno));
	freeaddrinfo(res);
	return (fd);
}

/**
 * send_all - send every byte of @data, however many send() calls it takes
 * @fd: the socket
 * @data: the bytes
 * @len: how many
 * @deadline: when to give up
 *
 * Return: 0 on success, -1 with errno set.
 */
static int send_all(int fd, const char *data, size_t len, long deadline)
{
	ssize_t n;

	while (len > 0)
	{
		if (wait_for(fd, POLLOUT, deadline) != 0)
			return (-1);
		n = send(fd, data, len, MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return (-1);
		if (n > 0)
		{
			data += n;
			len -= n;
		}
	}
	return (0);
}

/**
 * recv_all - read until the server closes, at most MAX_REPLY bytes
 * @fd: the socket
 * @reply: MAX_REPLY + 1 bytes: room for one byte too many, so that a reply
 *         of exactly MAX_REPLY bytes can be told from a longer one
 * @deadline: when to give up
 *
 * Return: the number of bytes read, or -1 with errno set (EMSGSIZE: the
 * reply is too long).
 */
static long recv_all(int fd, char *reply, long deadline)
{
	long len = 0;
	ssize_t n = 1;

	while (n != 0)
	{
		if (wait_for(fd, POLLIN, deadline) != 0)
			return (-1);
		n = recv(fd, reply + len, MAX_REPLY + 1 - len, 0);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return (-1);
		if (n > 0)
			len += n;
		if (len > MAX_REPLY)
		{
			errno = EMSGSIZE;
			return (-1);
		}
	}
	return (len);
}

/**
 * report_errno - say on stderr why the exchange failed, from errno
 */
static void report_errno(void)
{
	if (errno == ETIMEDOUT)
		fprintf(stderr, "%s: timed out waiting for the server\n", NAME);
	else if (errno == EMSGSIZE)
		fprintf(stderr, "%s: the reply is longer than %d bytes\n", NAME,
			MAX_REPLY);
	else
		fprintf(stderr, "%s: %s\n", NAME, strerror(errno));
}

/**
 * exchange - send @message and a newline, read the whole reply, print it
 * @fd: a connected socket
 * @message: what to send
 * @deadline: when to give up
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int exchange(int fd, const char *message, long deadline)
{
	static char reply[MAX_REPLY + 1];
	long len;

	if (send_all(fd, message, strlen(message), deadline) != 0 ||
	    send_all(fd, "\n", 1, deadline) != 0 ||
	    shutdown(fd, SHUT_WR) != 0 ||
	    (len = recv_all(fd, reply, deadline)) < 0)
	{
		report_errno();
		return (1);
	}
	printf("Response: ");
	fwrite(reply, 1, len, stdout);
	if (len == 0 || reply[len - 1] != '\n')
		putchar('\n');
	return (out_flush(NAME));
}

/**
 * main - send a message to HOST:PORT and print the reply
 * @argc: number of arguments
 * @argv: the arguments: HOST, PORT and the optional MESSAGE
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	long total = timeout_total_ms(), start = timeout_now_ms();
	int fd, failed;

	if (argc < 3 || argc > 4 || sock_parse_port(argv[2]) <= 0)
	{
		fprintf(stderr, "Usage: ./%s HOST PORT [MESSAGE]\n", NAME);
		return (2);
	}
	if (total < 0)
	{
		fprintf(stderr, "%s: NET_TIMEOUT must be a number of seconds\n",
			NAME);
		return (1);
	}
	fd = connect_to(argv[1], argv[2], start + timeout_connect_ms(total));
	if (fd < 0)
		return (1);
	failed = exchange(fd, argc == 4 ? argv[3] : "Hello, server!",
			  start + total);
	close(fd);
	return (failed);
}
