/*
 * 107-resolve - every address of a name, the library way: getaddrinfo()
 *
 * Usage: ./107-resolve NAME
 *
 *   $ ./107-resolve localhost
 *   127.0.0.1
 *   ::1
 *
 * Asks the system's resolver for NAME's addresses, IPv4 and IPv6, and
 * prints each once, in the resolver's order (the order a client should try
 * them in: see 12-tcp_client), as `getent ahosts NAME` lists them. Where
 * the answer comes from (/etc/hosts, DNS, ...) is the system's choice, set
 * in /etc/nsswitch.conf.
 *
 * What it teaches: getaddrinfo() with AF_UNSPEC returns a list of
 * addresses, one per family, socket type and protocol, so the same address
 * comes several times unless the hints ask for one socket type; inet_ntop()
 * turns an address into text; gai_strerror() says why a name did not
 * resolve; freeaddrinfo() gives the list back.
 *
 * Exit status: 0 on success, 1 if NAME does not resolve (one line on
 * stderr, nothing on stdout), 2 on wrong arguments.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "lib/out.h"

#define NAME "107-resolve"

/**
 * address_text - an address of the list, as text
 * @ai: the entry
 * @text: where to write it (INET6_ADDRSTRLEN bytes)
 */
static void address_text(const struct addrinfo *ai, char *text)
{
	const void *addr;

	if (ai->ai_family == AF_INET6)
		addr = &((const struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
	else
		addr = &((const struct sockaddr_in *)ai->ai_addr)->sin_addr;
	inet_ntop(ai->ai_family, addr, text, INET6_ADDRSTRLEN);
}

/**
 * seen_before - is this entry's address also in an earlier entry?
 * @list: the list
 * @ai: the entry
 *
 * Return: 1 if it is, 0 if not.
 */
static int seen_before(const struct addrinfo *list, const struct addrinfo *ai)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	address_text(ai, a);
	for (; list != ai; list = list->ai_next)
	{
		address_text(list, b);
		if (list->ai_family == ai->ai_family && strcmp(a, b) == 0)
			return (1);
	}
	return (0);
}

/**
 * main - print the addresses of NAME
 * @argc: number of arguments
 * @argv: the arguments: NAME
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct addrinfo hints, *list, *ai;
	char text[INET6_ADDRSTRLEN];
	int rc;

	if (argc != 2)
	{
		fprintf(stderr, "Usage: ./%s NAME\n", NAME);
		return (2);
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC; /* IPv4 and IPv6 */
	rc = getaddrinfo(argv[1], NULL, &hints, &list);
	if (rc != 0)
	{
		fprintf(stderr, "%s: cannot resolve %s: %s\n", NAME, argv[1],
			gai_strerror(rc));
		return (1);
	}
	for (ai = list; ai != NULL; ai = ai->ai_next)
	{
		if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
		    !seen_before(list, ai))
		{
			address_text(ai, text);
			printf("%s\n", text);
		}
	}
	freeaddrinfo(list);
	return (out_flush(NAME));
}
