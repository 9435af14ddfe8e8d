/*
 * sock.c - the boring part of a socket program: parse a port number, make
 * a socket non-blocking, raise the limit on open descriptors.
 *
 * Given plumbing: no exercise teaches it. Used by 4-7, 11-15
 * and 104-106.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>

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
