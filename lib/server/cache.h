#ifndef LIB_SERVER_CACHE_H
#define LIB_SERVER_CACHE_H

/* Written in exercise 104: the API of lib/server/cache.c (given). */

#include <sys/stat.h>

#define CACHE_SLOTS 64		/* files kept at most */
#define CACHE_MAX_FILE 16384	/* larger files are not kept */
#define CACHE_SETTLE 2		/* seconds a file must be unchanged */

/**
 * struct cache_entry - one file kept in memory
 * @path: its path, relative to the served directory (NULL: slot free)
 * @st: what fstat() said of it when it was read
 * @data: its st.st_size bytes
 */
struct cache_entry
{
	char *path;
	struct stat st;
	char *data;
};

/**
 * struct cache - small files kept in memory (owned: see cache_free)
 * @slots: the entries, each path in the slot its hash gives
 */
struct cache
{
	struct cache_entry slots[CACHE_SLOTS];
};

int cache_wants(const struct stat *st);
const struct cache_entry *cache_find(struct cache *cache, int root,
				     const char *path);
const struct cache_entry *cache_store(struct cache *cache, const char *path,
				      const struct stat *st, char *data);
void cache_free(struct cache *cache);

#endif /* LIB_SERVER_CACHE_H */
