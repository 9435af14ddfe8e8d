#ifndef LIB_CLIENT_READER_H
#define LIB_CLIENT_READER_H

/*
 * Written in exercise 4: the API of lib/client/reader.c (given). Used by
 * 4-7, through lib/client/http.c and lib/client/body.c.
 */

#include <stddef.h>
#include <sys/types.h>

#include "lib/buf.h"
#include "lib/client/conn.h"

/**
 * struct reader - the bytes received from a connection, not yet used
 * @c: the connection they come from (its err says why a read failed)
 * @data: the bytes (owned: buf_free() it)
 * @pos: where the unused part of @data starts
 * @used: how many bytes were used in all (for the header size limit)
 */
struct reader
{
	struct conn *c;
	struct buf data;
	size_t pos;
	size_t used;
};

ssize_t reader_more(struct reader *r);
int reader_line(struct reader *r, size_t max, const char *too_long,
		char **line);
int reader_bytes(struct reader *r, struct buf *body, long n);

#endif /* LIB_CLIENT_READER_H */
