#ifndef LIB_SERVER_LISTENER_H
#define LIB_SERVER_LISTENER_H

/*
 * Written in exercise 11 (11-tcp_server); used by 11, 13, 14, 15,
 * 103 and 104.
 * The student writes listener.c; this header is its given API.
 */

int listener_open(const char *host, int port);
int listener_port(int fd);

#endif /* LIB_SERVER_LISTENER_H */
