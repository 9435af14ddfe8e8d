#ifndef LIB_SERVER_RESPONSE_H
#define LIB_SERVER_RESPONSE_H

/*
 * Written in exercise 15: the API of lib/server/response.c (given). Used
 * by 15-http_server, 103-http11_server and 104-fast_server.
 */

#include <stddef.h>
#include <time.h>
#include <netinet/in.h>

#include "lib/buf.h"
#include "lib/server/request.h"

/* The sizes of what response_date() and response_log_date() write. */
#define RESPONSE_DATE_SIZE 32

const char *response_reason(int status);
void response_date(char *s, time_t t);
void response_log_date(char *s, time_t t);
int response_location(struct buf *field, const char *path,
		      const char *target);
void response_log(struct in_addr peer, const char *when,
		  const struct request_head *req, int status, long bytes);

#endif /* LIB_SERVER_RESPONSE_H */
