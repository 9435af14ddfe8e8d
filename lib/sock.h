#ifndef LIB_SOCK_H
#define LIB_SOCK_H

/* Given plumbing (lib/sock.c): used by 4-7, 11-15, 103-106 and 108. */

#include <sys/socket.h>

int sock_parse_port(const char *s);
int sock_nonblock(int fd);
int sock_raise_fd_limit(void);
int sock_parse_addr(const char *text, int port, struct sockaddr_storage *ss,
		    socklen_t *len);
const char *sock_listen_address(void);
int sock_unsent(int fd);
int sock_still_taking(int fd, int *unsent);
void sock_say_listening(const char *host, int port);

#endif /* LIB_SOCK_H */
