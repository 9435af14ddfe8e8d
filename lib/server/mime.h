#ifndef LIB_SERVER_MIME_H
#define LIB_SERVER_MIME_H

/* Given plumbing (lib/server/mime.c): used by 15, 103 and 104. */

#include <stddef.h>

/* Where Debian (package media-types) keeps the table of media types. */
#define MIME_TYPES_FILE "/etc/mime.types"

/**
 * struct mime_type - one extension and its media type
 * @ext: the extension, without its dot, such as "html"
 * @type: the media type, such as "text/html"
 * @line: the line of the file it was read from (0: built in)
 */
struct mime_type
{
	char *ext;
	char *type;
	size_t line;
};

/**
 * struct mime - every known extension, sorted for bsearch()
 * @types: the table (owned, with its strings: see mime_free), or NULL
 *         to use the built-in one
 * @count: entries in @types
 */
struct mime
{
	struct mime_type *types;
	size_t count;
};

int mime_load(struct mime *m, char *err, size_t size);
const char *mime_type(const struct mime *m, const char *path);
void mime_free(struct mime *m);

#endif /* LIB_SERVER_MIME_H */
