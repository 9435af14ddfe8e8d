#ifndef LIB_CLIENT_CONNECT_H
#define LIB_CLIENT_CONNECT_H

/*
 * Written in exercise 12: the API of lib/client/connect.c (given). Used by
 * 12-tcp_client, then 4-7 (through lib/client/conn.c).
 */

#include <stddef.h>

int connect_wait(int fd, short events, long deadline);
int connect_to(const char *host, const char *port, long deadline,
	       char *err, size_t size);

#endif /* LIB_CLIENT_CONNECT_H */
