#ifndef LIB_SERVER_LINES_H
#define LIB_SERVER_LINES_H

/*
 * Written in exercise 14: the API of lib/server/lines.c (given). Used by
 * 14-chat_server.
 */

#include <stddef.h>

#include "lib/buf.h"

/* The longest line a client may send, newline not counted. */
#define LINES_MAX 512
/* Output waiting for one client; past this it is not reading. */
#define LINES_OUTPUT_CAP (64 * 1024)

/**
 * struct lines - a client that speaks in lines, and what is half done
 * @fd: its socket (non-blocking)
 * @line: the line it is typing, not yet ended by a newline
 * @len: bytes in @line
 * @skipping: the line is too long: its bytes are thrown away up to the
 *            next newline
 * @out: what is waiting to be sent to it (owned; freed when empty)
 */
struct lines
{
	int fd;
	char line[LINES_MAX + 2];
	int len;
	int skipping;
	struct buf out;
};

/* A complete line, without its newline, control characters shown as
 * '?'; NULL for a line longer than LINES_MAX (its bytes are dropped).
 * Return nonzero to stop reading.
 */
typedef int (*lines_cb)(struct lines *l, const char *line, void *data);

int lines_read(struct lines *l, lines_cb on_line, void *data);
int lines_send(struct lines *l, const char *text);
int lines_flush(struct lines *l);
void lines_free(struct lines *l);

#endif /* LIB_SERVER_LINES_H */
