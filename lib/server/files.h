#ifndef LIB_SERVER_FILES_H
#define LIB_SERVER_FILES_H

/*
 * Written in exercise 15: the API of lib/server/files.c (given). Used by
 * 15-http_server, 103-http11_server and 104-fast_server.
 */

#include <limits.h>
#include <sys/stat.h>

#include "lib/buf.h"

/**
 * struct site - the directory a server serves
 * @root: the directory, opened: every file is opened relative to it
 * @path: where it really is (every link followed), ending in '/'
 * @len: the length of @path
 */
struct site
{
	int root;
	char path[PATH_MAX + 1];
	size_t len;
};

int site_open(struct site *site, const char *dir, char *err, size_t size);
void site_close(struct site *site);
int site_open_file(const struct site *site, const char *path, int *fd,
		   struct stat *st);
int site_listing(const struct site *site, struct buf *page, int fd,
		 const char *path);
int add_escaped(struct buf *b, const char *s, int url);

#endif /* LIB_SERVER_FILES_H */
