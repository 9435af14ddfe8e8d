/*
 * 11-tcp_server - a blocking TCP server, one client at a time
 *
 * Usage: ./11-tcp_server [PORT]      (default 12345; 0: any free port)
 *
 *   $ ./11-tcp_server 12345
 *   Listening on 127.0.0.1:12345
 *   Received: Hello, server!          <- after: echo 'Hello, server!' | nc ...
 *
 * The "hello" protocol: a client sends one message, the bytes up to its
 * first newline or everything before it shuts down its side, at most 1024
 * bytes. The server prints "Received: <message>" (control characters shown
 * as '?'), answers "Hello, client!\n" and closes the connection.
 *
 * What it teaches: socket, setsockopt, bind, listen, accept, recv, send,
 * close, the calls every server is made of. The first four open the
 * listening socket in lib/server/listener.c, written in this exercise
 * too (13, 14 and 15 reuse it); this file accepts, reads, answers and
 * closes. And the weakness of serving one client at a time: while one
 * client says nothing, everybody else waits. A read timeout
 * (CLIENT_TIMEOUT seconds, decimals allowed, default 5) bounds that wait.
 * See 13-async_server for the cure. Also how to close politely: shutdown()
 * the writing side, read what the client still sends, then close(), so
 * that the reply is not lost to a reset.
 *
 * SIGINT or SIGTERM: the server closes the connection it is serving and
 * exits 0 with a last line. Exit 1 if it cannot listen, 2 on wrong
 * arguments.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lib/server/listener.h"
#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "11-tcp_server"
#define DEFAULT_PORT "12345"
#define MAX_MESSAGE 1024
#define REPLY "Hello, client!\n"
#define DEFAULT_TIMEOUT_MS 5000L
/* After the reply, how long and how much of the client's unread input is
 * read and thrown away before closing: close() with unread input sends a
 * reset, and the client's kernel may then drop our reply unread.
 */
#define LINGER_MS 2000L
#define LINGER_BYTES 65536L

/* Set by the signal handler. A global is the only way a handler can tell
 * the program something, and only a volatile sig_atomic_t is safe.
 */
static volatile sig_atomic_t stop;

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
 * set_recv_timeout - make recv() on a socket give up after a while
 * @fd: the socket
 * @ms: how long, in milliseconds
 */
static void set_recv_timeout(int fd, long ms)
{
	struct timeval tv;

	tv.tv_sec = ms / 1000;
	tv.tv_usec = ms % 1000 * 1000;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/**
 * read_message - receive one message: up to a newline, EOF or 1024 bytes
 * @fd: the client's socket
 * @msg: MAX_MESSAGE + 1 bytes; receives the message, '\0'-terminated
 *
 * Return: the message's length, or -1 if the client failed or was too
 * slow (SO_RCVTIMEO makes recv() give up), or a signal arrived.
 */
static int read_message(int fd, char *msg)
{
	int len = 0, n;
	char *newline;

	while (len < MAX_MESSAGE)
	{
		n = recv(fd, msg + len, MAX_MESSAGE - len, 0);
		if (n < 0)
			return (-1);
		if (n == 0)
			break;
		/* One message is all we want: stop at the first newline. */
		newline = memchr(msg + len, '\n', n);
		len += n;
		if (newline != NULL)
		{
			len = newline - msg;
			break;
		}
	}
	if (len > 0 && msg[len - 1] == '\r')
		len--;
	out_clean(msg, len);
	msg[len] = '\0';
	return (len);
}

/**
 * drain - stop writing, then read and throw away what the client still
 * sends until it closes its side, for LINGER_MS and LINGER_BYTES at most
 * @fd: the client's socket
 *
 * shutdown() tells the client we are done (it reads the end of the
 * reply); the rest of a message longer than we read is taken out of the
 * way, so that close() does not reset the connection.
 */
static void drain(int fd)
{
	char junk[4096];
	long deadline = timeout_now_ms() + LINGER_MS, left, total = 0;
	ssize_t n;

	shutdown(fd, SHUT_WR);
	while (total < LINGER_BYTES &&
	       (left = deadline - timeout_now_ms()) > 0)
	{
		set_recv_timeout(fd, left);
		n = recv(fd, junk, sizeof(junk), 0);
		if (n <= 0)
			break;
		total += n;
	}
}

/**
 * serve - answer one client, then close its connection
 * @fd: the client's socket
 * @timeout_ms: how long the client may stay silent, in milliseconds
 */
static void serve(int fd, long timeout_ms)
{
	char msg[MAX_MESSAGE + 1];

	set_recv_timeout(fd, timeout_ms);
	if (read_message(fd, msg) < 0)
	{
		fprintf(stderr, "%s: client dropped: %s\n", NAME,
			errno == EAGAIN ? "silent for too long" : strerror(errno));
	}
	else
	{
		printf("Received: %s\n", msg);
		fflush(stdout);
		/* MSG_NOSIGNAL: a client that left must not kill us (SIGPIPE). */
		send(fd, REPLY, strlen(REPLY), MSG_NOSIGNAL);
		drain(fd);
	}
	close(fd);
}

/**
 * start - parse the arguments, install the signal handlers, listen
 * @argc: number of arguments
 * @argv: the arguments
 * @timeout_ms: set to CLIENT_TIMEOUT, in milliseconds
 *
 * Return: the listening socket, -1 on failure, -2 on wrong arguments.
 */
static int start(int argc, char **argv, long *timeout_ms)
{
	struct sigaction sa;
	int port, fd;

	port = sock_parse_port(argc == 2 ? argv[1] : DEFAULT_PORT);
	if (argc > 2 || port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT]\n", NAME);
		return (-2);
	}
	*timeout_ms = timeout_env_ms("CLIENT_TIMEOUT", DEFAULT_TIMEOUT_MS);
	if (*timeout_ms < 0)
	{
		fprintf(stderr, "%s: CLIENT_TIMEOUT must be a number of seconds\n",
			NAME);
		return (-1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* No SA_RESTART: accept() must return, so the loop sees "stop". */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fd = listener_open("127.0.0.1", port);
	if (fd < 0)
		fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", NAME,
			port, strerror(errno));
	return (fd);
}

/**
 * main - serve clients one by one until SIGINT or SIGTERM
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional port
 *
 * Return: 0 when stopped by a signal, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	int listener, client;
	long timeout_ms;

	listener = start(argc, argv, &timeout_ms);
	if (listener < 0)
		return (listener == -2 ? 2 : 1);
	printf("Listening on 127.0.0.1:%d\n", listener_port(listener));
	fflush(stdout);
	while (!stop)
	{
		client = accept(listener, NULL, NULL);
		if (client >= 0)
			serve(client, timeout_ms);
		else if (errno != EINTR && errno != ECONNABORTED)
			perror(NAME ": accept");
	}
	close(listener);
	printf("Server stopped\n");
	return (0);
}
