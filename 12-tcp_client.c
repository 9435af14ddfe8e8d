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
 * "Response: <reply>", its control characters shown as '?' (its line
 * breaks kept).
 *
 * What it teaches: the getaddrinfo() loop (try every address the name
 * has until one connects) and a connect() that cannot hang (non-blocking,
 * then poll() with a deadline), both in lib/client/connect.c, written in
 * this exercise (4-7 reuse it); partial writes, a reply read to the end
 * within the same deadline, and half-closing with shutdown().
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
#include <sys/socket.h>

#include "lib/client/connect.h"
#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "12-tcp_client"
#define MAX_REPLY 65536

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
		if (connect_wait(fd, POLLOUT, deadline) != 0)
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
		if (connect_wait(fd, POLLIN, deadline) != 0)
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
	/* The reply goes to a terminal, perhaps: the server must not be
	 * able to move its cursor or clear its screen.
	 */
	out_clean_text(reply, len);
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
	char err[512];
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
	fd = connect_to(argv[1], argv[2], start + timeout_connect_ms(total),
			err, sizeof(err));
	if (fd < 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (1);
	}
	failed = exchange(fd, argc == 4 ? argv[3] : "Hello, server!",
			  start + total);
	close(fd);
	return (failed);
}
