/*
 * resolve_here.c - a test's stand-in for DNS: every name resolves to
 * 127.0.0.1 and the port RESOLVE_PORT. Loaded with LD_PRELOAD
 * (resolved_here in tests/helper.bash builds it), so that a test can
 * watch a program reach its hard-coded default URL, such as
 * https://intranet.hbtn.io/status, on a local mock server, without a line
 * of the program changing and without any packet leaving the machine.
 * The mock server records the name the client asked for in TLS (SNI) and
 * in Host.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

typedef int (*getaddrinfo_fn)(const char *, const char *,
			      const struct addrinfo *, struct addrinfo **);

/**
 * getaddrinfo - resolve any name as 127.0.0.1, port RESOLVE_PORT
 * @node: the name asked for
 * @service: the port asked for
 * @hints: as for getaddrinfo()
 * @res: as for getaddrinfo()
 *
 * Return: what the real getaddrinfo() returns for 127.0.0.1.
 */
int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	getaddrinfo_fn real = (getaddrinfo_fn)dlsym(RTLD_NEXT, "getaddrinfo");
	const char *port = getenv("RESOLVE_PORT");
	struct addrinfo here, *ai;
	int rc;

	(void)node;
	(void)service;
	if (hints != NULL)
		here = *hints;
	else
		memset(&here, 0, sizeof(here));
	here.ai_family = AF_INET;
	rc = real("127.0.0.1", port, &here, res);
	for (ai = rc == 0 ? *res : NULL; ai != NULL; ai = ai->ai_next)
		((struct sockaddr_in *)ai->ai_addr)->sin_port =
			htons((unsigned short)atoi(port ? port : "0"));
	return (rc);
}
