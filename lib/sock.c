/*
 * sock.c - the boring part of a server: parse a port, make a listening
 * socket, find which port it got.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "sock.h"

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
 * sock_listen - a TCP socket listening on @host:@port
 * @host: the address to bind, such as "127.0.0.1"
 * @port: the port; 0 lets the system choose a free one
 *
 * Return: the socket, or -1 with errno set.
 */
int sock_listen(const char *host, int port)
{
	struct addrinfo hints, *res, *ai;
	char service[16];
	int fd = -1, on = 1, err;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	sprintf(service, "%d", port);
	err = getaddrinfo(host, service, &hints, &res);
	if (err != 0)
	{
		errno = EINVAL;
		return (-1);
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
	{
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		/* Restarting the server must not wait for old connections. */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
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
 * sock_port - the local port of a socket (useful after binding port 0)
 * @fd: the socket
 *
 * Return: the port, or -1 on error.
 */
int sock_port(int fd)
{
	struct sockaddr_storage addr;
	socklen_t len = sizeof(addr);

	if (getsockname(fd, (struct sockaddr *)&addr, &len) != 0)
		return (-1);
	if (addr.ss_family == AF_INET6)
		return (ntohs(((struct sockaddr_in6 *)&addr)->sin6_port));
	return (ntohs(((struct sockaddr_in *)&addr)->sin_port));
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
