#ifndef LIB_SERVER_ANSWER_H
#define LIB_SERVER_ANSWER_H

/*
 * Written in exercise 103: the API of lib/server/answer.c (given). Used
 * by 103-http11_server, 104-fast_server and lib/server/http11.c.
 */

#include <sys/stat.h>
#include <sys/types.h>

#include "lib/server/files.h"
#include "lib/server/http11.h"
#include "lib/server/request.h"

int answer_method(const char *method);
int answer_is_head(const struct request_head *req);
void answer_add(struct http11 *h, const char *format, ...);
void answer_tick(struct http11 *h);
void answer_start_head(struct http11 *h, int status);
int answer_end_head(struct http11 *h, const struct http11_conn *c,
		    const struct request_head *req, int closes);
void answer_log(struct http11_conn *c, const struct request_head *req,
		int status, long bytes);
int answer_status(struct http11_conn *c, const struct request_head *req,
		  int status, const char *fields);
int answer_file_head(struct http11_conn *c, const struct request_head *req,
		     const char *type, const struct stat *st, off_t *first,
		     off_t *last);
void answer_redirect_dir(struct http11_conn *c,
			 const struct request_head *req, const char *path);
void answer_listing(struct http11_conn *c, const struct request_head *req,
		    const struct site *site, const char *path, int fd);

#endif /* LIB_SERVER_ANSWER_H */
