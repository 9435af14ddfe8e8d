#ifndef LIB_BUF_H
#define LIB_BUF_H

/* Given plumbing (lib/buf.c): used by 0-10, 100-104, 13-15 and 108. */

#include <stddef.h>
#include <stdio.h>

/* Largest body any exercise keeps in memory: a hostile server cannot make
 * a client use more than this. 64 MiB, or less if the environment variable
 * NET_MAX_BODY says so (buf_max_size()).
 */
#define BUF_MAX_DEFAULT (64UL * 1024 * 1024)
#define BUF_MAX_SIZE buf_max_size()

/**
 * struct buf - a growable byte buffer
 * @data: the bytes, always followed by one '\0' (not counted in @len)
 *        so that text can be printed directly; NULL while empty
 * @len: number of bytes stored
 * @cap: bytes allocated for @data
 */
struct buf
{
	char *data;
	size_t len;
	size_t cap;
};

unsigned long buf_max_size(void);
void buf_init(struct buf *b);
int buf_reserve(struct buf *b, size_t n);
int buf_append(struct buf *b, const void *bytes, size_t n);
void buf_free(struct buf *b);
void buf_print(const struct buf *b, FILE *f);
int buf_printf(struct buf *b, const char *format, ...);
size_t buf_write_cb(char *ptr, size_t size, size_t nmemb, void *userdata);

#endif /* LIB_BUF_H */
