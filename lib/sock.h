#ifndef LIB_SOCK_H
#define LIB_SOCK_H

/* Given plumbing (lib/sock.c): used by 4-7, 11-15 and 104-106. */

int sock_parse_port(const char *s);
int sock_nonblock(int fd);
int sock_raise_fd_limit(void);

#endif /* LIB_SOCK_H */
