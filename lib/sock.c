/*
 * sock.c - the boring part of a socket program: parse a port number or an
 * address with its port, make a socket non-blocking, raise the limit on
 * open descriptors, say where a server listens and whether a client still
 * takes what it was sent.
 *
 * Given plumbing: no exercise teaches it. Used by 4-7, 11-15, 103-106
 * and 108.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <linux/sockios.h>

#include "lib/sock.h"

/**
 * sock_parse_port - read a port number
 * @s: the text, such as "8080" ("0" means any free port)
 *
 * Return: the port, or -1 if @s is not a number from 0 to 65535.
 */
int sock_parse_port(const char *s)
{
	char *end;
	long port;

	errno = 0;
	port = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || port < 0 ||
	    port > 65535)
		return (-1);
	return ((int)port);
}

/**
 * sock_nonblock - make @fd non-blocking
 * @fd: the descriptor
 *
 * Return: 0 on success, -1 on error.
 */
int sock_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL, 0);

	if (flags < 0)
		return (-1);
	return (fcntl(fd, F_SETFL, flags | O_NONBLOCK));
}

/**
 * sock_raise_fd_limit - allow as many descriptors as the hard limit does
 *
 * The usual soft limit, 1024, would cap a server at about 1,000 clients.
 *
 * Return: the limit now in force (1024 if it cannot be read).
 */
int sock_raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return (1024);
	if (rl.rlim_cur < rl.rlim_max)
	{
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	return (rl.rlim_cur > INT_MAX ? INT_MAX : (int)rl.rlim_cur);
}

/**
 * sock_parse_addr - read "ADDRESS", "ADDRESS:PORT" or "[IPV6]:PORT"
 * @text: the text: an IPv4 or IPv6 address, and a port after a colon
 *        (the IPv6 one in brackets then)
 * @port: the port when the text names none
 * @ss: where the address goes
 * @len: where its size goes
 *
 * Return: 0, or -1 if it is none of these.
 */
int sock_parse_addr(const char *text, int port, struct sockaddr_storage *ss,
		    socklen_t *len)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(text, ':');
	size_t n = strlen(text);

	if (text[0] == '[' && colon != NULL && colon[-1] == ']')
	{
		n = colon - 1 - ++text;
		port = sock_parse_port(colon + 1);
	}
	else if (colon != NULL && strchr(text, ':') == colon)
	{
		n = colon - text;
		port = sock_parse_port(colon + 1);
	}
	if (n >= sizeof(host) || port <= 0)
		return (-1);
	memcpy(host, text, n);
	host[n] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1)
	{
		v4->sin_family = AF_INET;
		v4->sin_port = htons(port);
		*len = sizeof(*v4);
		return (0);
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) != 1)
		return (-1);
	v6->sin6_family = AF_INET6;
	v6->sin6_port = htons(port);
	*len = sizeof(*v6);
	return (0);
}

/**
 * sock_listen_address - where an HTTP server listens: the numeric address
 * in LISTEN_ADDRESS ("::1" for IPv6), or 127.0.0.1 when it is unset or
 * empty
 *
 * Return: the address (not a copy).
 */
const char *sock_listen_address(void)
{
	const char *host = getenv("LISTEN_ADDRESS");

	return (host == NULL || *host == '\0' ? "127.0.0.1" : host);
}

/**
 * sock_say_listening - print "Listening on HOST:PORT" on stdout, now
 * @host: the numeric address listened on (an IPv6 one is bracketed, as
 *        in a URL: "[::1]:8000")
 * @port: the port
 */
void sock_say_listening(const char *host, int port)
{
	int v6 = strchr(host, ':') != NULL;

	printf("Listening on %s%s%s:%d\n", v6 ? "[" : "", host, v6 ? "]" : "",
	       port);
	fflush(stdout);
}

/**
 * sock_unsent - the bytes sent on @fd that the peer has not taken yet
 * (what the kernel still holds for it: SIOCOUTQ)
 * @fd: a connected TCP socket
 *
 * Return: the count, 0 if it cannot be known.
 */
int sock_unsent(int fd)
{
	int n;

	return (ioctl(fd, SIOCOUTQ, &n) == 0 ? n : 0);
}

/**
 * sock_still_taking - has the peer taken some of what was sent on @fd
 * since the last look?
 * @fd: a connected TCP socket
 * @unsent: sock_unsent() at the last look (updated)
 *
 * A slow client that reads a large answer through a small window makes
 * no "writable" event for seconds (epoll waits for a third of the send
 * buffer to be free), and a server that handed the kernel the whole
 * answer has nothing more to see: when its time is up, a server asks
 * this before it drops the client.
 *
 * Return: 1 if bytes are left and fewer than at the last look, else 0.
 */
int sock_still_taking(int fd, int *unsent)
{
	int now = sock_unsent(fd);

	if (now == 0 || now >= *unsent)
		return (0);
	*unsent = now;
	return (1);
}
