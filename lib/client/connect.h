#ifndef LIB_CLIENT_CONNECT_H
#define LIB_CLIENT_CONNECT_H

/*
 * Written in exercise 4: the API of lib/client/connect.c (given). Used by
 * 4-7 and 12-tcp_client.
 */

#include <stddef.h>

int connect_wait(int fd, short events, long deadline);
int connect_to(const char *host, const char *port, long deadline,
	       char *err, size_t size);

#endif /* LIB_CLIENT_CONNECT_H */
