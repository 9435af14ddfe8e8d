#ifndef LIB_SERVER_CONDITIONAL_H
#define LIB_SERVER_CONDITIONAL_H

/*
 * Written in exercise 103: the API of lib/server/conditional.c (given).
 * Used by 103-http11_server and 104-fast_server.
 */

#include <sys/stat.h>
#include <sys/types.h>

#include "lib/server/request.h"

/* The size of what conditional_tag() writes. */
#define CONDITIONAL_TAG_SIZE 48

void conditional_tag(char *tag, const struct stat *st);
int conditional_check(const struct request_head *req, const struct stat *st,
		      const char *tag);
int conditional_range(const struct request_head *req, const struct stat *st,
		      const char *tag, off_t *first, off_t *last);

#endif /* LIB_SERVER_CONDITIONAL_H */
