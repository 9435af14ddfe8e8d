#ifndef LIB_SERVER_CACHE_H
#define LIB_SERVER_CACHE_H

/* Written in exercise 104: the API of lib/server/cache.c (given). */

#include <sys/stat.h>

#include "lib/server/answer.h"

#define CACHE_SLOTS 64		/* files kept at most */
#define CACHE_MAX_FILE 16384	/* larger files are not kept */
#define CACHE_SETTLE 2		/* seconds a file must be unchanged */
#define CACHE_VALID_MS 1000	/* a kept file is checked at most this often */

/**
 * struct cache_entry - one file kept in memory
 * @path: its path, relative to the served directory (NULL: slot free)
 * @st: what fstat() said of it when it was read
 * @data: its st.st_size bytes
 * @v: its ETag and Last-Modified, written once (lib/server/answer.c)
 * @checked_ms: when it was last found the same on disk (timeout_now_ms())
 */
struct cache_entry
{
	char *path;
	struct stat st;
	char *data;
	struct answer_validators v;
	long checked_ms;
};

/**
 * struct cache - small files kept in memory (owned: see cache_free)
 * @slots: the entries, each path in the slot its hash gives
 * @valid_ms: how long a check holds: within it, a kept file is served
 *            without asking the disk again (0: check every time)
 */
struct cache
{
	struct cache_entry slots[CACHE_SLOTS];
	long valid_ms;
};

int cache_wants(const struct stat *st);
const struct cache_entry *cache_find(struct cache *cache, int root,
				     const char *path);
const struct cache_entry *cache_store(struct cache *cache, const char *path,
				      const struct stat *st, char *data);
void cache_free(struct cache *cache);

#endif /* LIB_SERVER_CACHE_H */
