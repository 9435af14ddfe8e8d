/*
 * cache.c - small files kept in memory, checked on every use
 *
 * Written in exercise 104 (104-fast_server): the student writes this
 * file (lib/server/cache.h is its given API). Used by 104.
 *
 * Opening, checking, reading and closing the same small file for every
 * request is five system calls; the cache makes it none. It keeps the
 * bytes of up to CACHE_SLOTS small files and asks fstatat() whether the
 * file on disk is still the same: same device and inode (not replaced),
 * same size, same modification and change times (not written to, not
 * chmod-ed). Anything else is a miss, and the server opens the file as
 * usual. It asks at most once per validity window (cache->valid_ms, one
 * second unless CACHE_VALID says otherwise), as nginx's
 * open_file_cache_valid does: a file changed on disk may be served as it
 * was for that long, the staleness a static server's user accepts for one
 * system call less per request, the one that is left being the answer.
 *
 * A file changed less than CACHE_SETTLE seconds ago is not kept: file
 * times only advance with the kernel's clock tick, so a second write of
 * the same size in the same tick would otherwise go unseen. Once a file is
 * settled, any later write gives it a newer time.
 *
 * Each path has one slot, chosen by its hash; a new file takes the slot
 * from whatever held it. Memory is bounded: CACHE_SLOTS x CACHE_MAX_FILE.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "lib/server/cache.h"
#include "lib/timeout.h"

/**
 * slot - the slot of a path
 * @cache: the cache
 * @path: the path
 *
 * Return: the entry that may hold it.
 */
static struct cache_entry *slot(struct cache *cache, const char *path)
{
	unsigned long h = 5381;

	while (*path != '\0')
		h = h * 33 + (unsigned char)*path++;
	return (&cache->slots[h % CACHE_SLOTS]);
}

/**
 * drop - empty a slot
 * @e: the entry
 */
static void drop(struct cache_entry *e)
{
	free(e->path);
	free(e->data);
	memset(e, 0, sizeof(*e));
}

/**
 * same_file - do two fstat() results describe the same, unchanged file?
 * @a: one
 * @b: the other
 *
 * Return: 1 if they do, 0 if not.
 */
static int same_file(const struct stat *a, const struct stat *b)
{
	return (a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
		a->st_size == b->st_size && a->st_mode == b->st_mode &&
		a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
		a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
		a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
		a->st_ctim.tv_nsec == b->st_ctim.tv_nsec);
}

/**
 * cache_wants - is this file worth keeping: regular, small, settled?
 * @st: what fstat() says of it
 *
 * Return: 1 if it is, 0 if not.
 */
int cache_wants(const struct stat *st)
{
	time_t now = time(NULL);

	return (S_ISREG(st->st_mode) && st->st_size <= CACHE_MAX_FILE &&
		now - st->st_mtime >= CACHE_SETTLE &&
		now - st->st_ctime >= CACHE_SETTLE);
}

/**
 * cache_find - a kept file, if it is still the same on disk
 * @cache: the cache
 * @root: the served directory
 * @path: the file's path relative to it
 *
 * Within the validity window of its last check, a kept file is taken as
 * it is; past it, fstatat() says whether it changed.
 *
 * Return: the entry, or NULL (not kept, or changed: then dropped).
 */
const struct cache_entry *cache_find(struct cache *cache, int root,
				     const char *path)
{
	struct cache_entry *e = slot(cache, path);
	long now = timeout_now_ms();
	struct stat st;

	if (e->path == NULL || strcmp(e->path, path) != 0)
		return (NULL);
	if (now - e->checked_ms < cache->valid_ms)
		return (e);
	if (fstatat(root, path, &st, 0) == 0 && same_file(&st, &e->st))
	{
		e->checked_ms = now;
		return (e);
	}
	drop(e);
	return (NULL);
}

/**
 * cache_store - keep a file
 * @cache: the cache
 * @path: its path relative to the served directory
 * @st: what fstat() said of it before it was read
 * @data: its st->st_size bytes (malloc-ed: the cache owns them now)
 *
 * Return: the new entry, or NULL if memory ran out (@data is then freed).
 */
const struct cache_entry *cache_store(struct cache *cache, const char *path,
				      const struct stat *st, char *data)
{
	struct cache_entry *e = slot(cache, path);

	drop(e);
	e->path = malloc(strlen(path) + 1);
	if (e->path == NULL)
	{
		free(data);
		return (NULL);
	}
	strcpy(e->path, path);
	e->st = *st;
	e->data = data;
	answer_validators(&e->v, st);
	e->checked_ms = timeout_now_ms();
	return (e);
}

/**
 * cache_free - drop every kept file
 * @cache: the cache
 */
void cache_free(struct cache *cache)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++)
		drop(&cache->slots[i]);
}
