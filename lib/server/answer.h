#ifndef LIB_SERVER_ANSWER_H
#define LIB_SERVER_ANSWER_H

/*
 * Written in exercise 103: the API of lib/server/answer.c (given). Used
 * by 103-http11_server, 104-fast_server and lib/server/http11.c.
 */

#include <sys/stat.h>
#include <sys/types.h>

#include "lib/server/conditional.h"
#include "lib/server/files.h"
#include "lib/server/http11.h"
#include "lib/server/request.h"
#include "lib/server/response.h"

/**
 * struct answer_validators - what tells one version of a file from
 * another, as an answer's head writes it
 * @tag: its ETag, from conditional_tag()
 * @modified: its Last-Modified, from response_date()
 */
struct answer_validators
{
	char tag[CONDITIONAL_TAG_SIZE];
	char modified[RESPONSE_DATE_SIZE];
};

int answer_method(const char *method);
int answer_is_head(const struct request_head *req);
void answer_add(struct http11 *h, const char *format, ...);
void answer_put(struct http11 *h, const char *text);
void answer_tick(struct http11 *h);
void answer_start_head(struct http11 *h, int status);
int answer_end_head(struct http11 *h, const struct http11_conn *c,
		    const struct request_head *req, int closes);
void answer_log(struct http11_conn *c, const struct request_head *req,
		int status, long bytes);
int answer_status(struct http11_conn *c, const struct request_head *req,
		  int status, const char *fields);
void answer_validators(struct answer_validators *v, const struct stat *st);
int answer_file_head(struct http11_conn *c, const struct request_head *req,
		     const char *type, const struct stat *st,
		     const struct answer_validators *v, off_t *first,
		     off_t *last);
void answer_redirect_dir(struct http11_conn *c,
			 const struct request_head *req, const char *path);
void answer_listing(struct http11_conn *c, const struct request_head *req,
		    const struct site *site, const char *path, int fd);

#endif /* LIB_SERVER_ANSWER_H */
