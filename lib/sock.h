#ifndef LIB_SOCK_H
#define LIB_SOCK_H

int sock_parse_port(const char *s);
int sock_listen(const char *host, int port);
int sock_port(int fd);
int sock_nonblock(int fd);
int sock_raise_fd_limit(void);

#endif /* LIB_SOCK_H */
