#ifndef LIB_CLIENT_HEAD_H
#define LIB_CLIENT_HEAD_H

/*
 * Written in exercise 4: the API of lib/client/head.c (given). Used by
 * 4-7, through lib/client/http.c.
 */

#include "lib/client/http.h"
#include "lib/client/reader.h"

int head_read(struct reader *r, struct http_response *res);
const char *head_field(const struct buf *headers, const char *name,
		       size_t *from, size_t *len);

#endif /* LIB_CLIENT_HEAD_H */
