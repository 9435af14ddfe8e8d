/*
 * listener.c - open a listening TCP socket, and find the port it got
 *
 * Written in exercise 11 (11-tcp_server): the first half of its lesson,
 * socket(), setsockopt(), bind() and listen(). Used by 11, and by
 * 13-async_server, 14-chat_server, 15-http_server, 103-http11_server
 * and 104-fast_server,
 * which reuse the student's own. lib/server/listener.h is its given API.
 *
 * The address goes through getaddrinfo() rather than being filled in by
 * hand, so the same code binds an IPv4 address ("127.0.0.1") or an IPv6
 * one ("::1").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "lib/server/listener.h"

/**
 * listener_open - a TCP socket listening on @host:@port
 * @host: the numeric address to bind, such as "127.0.0.1"
 * @port: the port; 0 lets the system choose a free one
 *
 * Return: the socket, or -1 with errno set.
 */
int listener_open(const char *host, int port)
{
	struct addrinfo hints, *res, *ai;
	char service[16];
	int fd = -1, on = 1, err;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	sprintf(service, "%d", port);
	if (getaddrinfo(host, service, &hints, &res) != 0)
	{
		errno = EINVAL;
		return (-1);
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
	{
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		/* Restarting the server must not wait for old connections
		 * (TIME_WAIT) to clear from the port.
		 */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		/* SOMAXCONN: let the kernel queue as many connections as it
		 * allows while we are busy with one.
		 */
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, SOMAXCONN) == 0)
			break;
		err = errno;
		close(fd);
		errno = err;
		fd = -1;
	}
	freeaddrinfo(res);
	return (fd);
}

/**
 * listener_port - the local port of a socket (useful after binding 0)
 * @fd: the socket
 *
 * Return: the port, or -1 on error.
 */
int listener_port(int fd)
{
	struct sockaddr_storage addr;
	socklen_t len = sizeof(addr);

	if (getsockname(fd, (struct sockaddr *)&addr, &len) != 0)
		return (-1);
	if (addr.ss_family == AF_INET6)
		return (ntohs(((struct sockaddr_in6 *)&addr)->sin6_port));
	return (ntohs(((struct sockaddr_in *)&addr)->sin_port));
}
