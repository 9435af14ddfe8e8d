#ifndef LIB_SERVER_RESPONSE_H
#define LIB_SERVER_RESPONSE_H

/*
 * Written in exercise 15: the API of lib/server/response.c (given). Used
 * by 15-http_server, 103-http11_server and 104-fast_server.
 */

#include <stddef.h>
#include <time.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "lib/buf.h"
#include "lib/server/request.h"

/* The sizes of what response_date() and response_log_date() write. */
#define RESPONSE_DATE_SIZE 32
/* The size of what response_peer() writes: "127.0.0.1", "::1". */
#define RESPONSE_PEER_SIZE INET6_ADDRSTRLEN

const char *response_reason(int status);
void response_date(char *s, time_t t);
void response_log_date(char *s, time_t t);
int response_location(struct buf *field, const char *path,
		      const char *target);
void response_peer(const struct sockaddr_storage *peer, char *text);
void response_log(const char *peer, const char *when,
		  const struct request_head *req, int status, long bytes);

#endif /* LIB_SERVER_RESPONSE_H */
