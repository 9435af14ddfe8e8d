/*
 * files.c - the files a static HTTP server may serve: open them without
 * leaving the served directory, and list a directory as an HTML page.
 *
 * Written in exercise 15 (15-http_server): the student writes this
 * file (lib/server/files.h is its given API). Used by 15,
 * 103-http11_server and 104-fast_server.
 *
 * Confinement: a path with "." or ".." in it is refused before any file
 * is opened (request_path() in lib/server/request.c), so only a symbolic
 * link could lead out of the directory. Once a file is open, the kernel
 * says where it really is (/proc/self/fd/N), and a file outside is
 * refused. What is checked is the file opened, not a name that could
 * change meanwhile: a symbolic link is followed if, and only if, it ends
 * inside the directory.
 */
#define _GNU_SOURCE /* O_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lib/server/files.h"

/**
 * site_open - open the directory to serve, and check that the kernel can
 * say where an open file is (that needs /proc)
 * @site: where to keep it
 * @dir: its name
 * @err: where to write the reason it cannot be served
 * @size: the size of @err
 *
 * Return: 0, or -1 (the reason is in @err).
 */
int site_open(struct site *site, const char *dir, char *err, size_t size)
{
	struct stat st;
	int fd;

	site->root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (site->root < 0 || realpath(dir, site->path) == NULL)
	{
		snprintf(err, size, "%s", strerror(errno));
		site_close(site);
		return (-1);
	}
	site->len = strlen(site->path);
	if (site->path[site->len - 1] != '/')
		strcpy(site->path + site->len++, "/");
	if (site_open_file(site, "", &fd, &st) != 0)
	{
		snprintf(err, size, "/proc is not mounted");
		site_close(site);
		return (-1);
	}
	close(fd);
	return (0);
}

/**
 * site_close - close the served directory
 * @site: the site (its root may be -1: not open)
 */
void site_close(struct site *site)
{
	if (site->root >= 0)
		close(site->root);
	site->root = -1;
}

/**
 * inside - is an open file inside the served directory?
 * @site: the site
 * @fd: the file
 *
 * /proc/self/fd/N is a link to where the kernel found the file, after
 * following every symbolic link on the way.
 *
 * Return: 1 if it is, 0 if not (or if the kernel cannot say).
 */
static int inside(const struct site *site, int fd)
{
	char link[64], real[PATH_MAX + 1];
	ssize_t n;

	sprintf(link, "/proc/self/fd/%d", fd);
	n = readlink(link, real, sizeof(real) - 1);
	if (n < 0)
		return (0);
	real[n] = '\0';
	/* The directory itself is its path without the final '/'. */
	return (strncmp(real, site->path, site->len) == 0 ||
		((size_t)n + 1 == site->len && strncmp(real, site->path, n) == 0));
}

/**
 * site_open_file - open a file or directory of the served directory
 * @site: the site
 * @path: the path relative to it ("" for the directory itself), with no
 *        "." or ".." segments (request_path() sees to that)
 * @fd: where to put the descriptor
 * @st: where to put what fstat() says of it
 *
 * O_NONBLOCK keeps a named pipe from blocking the whole server in open().
 *
 * Return: 0 for a regular file or a directory, else the HTTP status to
 * answer with (403, 404, or 503 when out of descriptors); *fd is then -1.
 */
int site_open_file(const struct site *site, const char *path, int *fd,
		   struct stat *st)
{
	*fd = openat(site->root, *path ? path : ".",
		     O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0)
	{
		if (errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG)
			return (404);
		return (errno == EMFILE || errno == ENFILE ? 503 : 403);
	}
	if (inside(site, *fd) && fstat(*fd, st) == 0 &&
	    (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode)))
		return (0);
	close(*fd);
	*fd = -1;
	return (403);
}

/**
 * add_escaped - add text to a page, HTML-escaped or %-encoded for a URL
 * @b: the page
 * @s: the text
 * @url: 1 to %-encode it for a link, 0 to HTML-escape it
 *
 * Return: 0, or -1 if memory ran out.
 */
int add_escaped(struct buf *b, const char *s, int url)
{
	const char *keep = url ? "-._~/" : " -._~/!#$()*+,:;=?@[]^`{|}%";
	unsigned char ch;
	int err = 0;

	for (; *s != '\0' && err == 0; s++)
	{
		ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr(keep, ch) != NULL ||
		    (!url && ch >= 0x80))
			err = buf_append(b, s, 1);
		else if (url)
			err = buf_printf(b, "%%%02X", ch);
		else
			err = buf_printf(b, "&#%d;", ch);
	}
	return (err);
}

/**
 * struct entry - one line of a directory's listing
 * @name: the name, with a '/' after a directory's (owned)
 * @size: the size in bytes, or -1 for a directory
 * @mtime: when it was last modified
 */
struct entry
{
	char *name;
	off_t size;
	time_t mtime;
};

/**
 * compare_entries - qsort()'s order for a listing: by name without regard
 * to case, as `python3 -m http.server` and a reader expect; byte order
 * only breaks ties
 * @a: a pointer to the first entry
 * @b: a pointer to the second
 *
 * Return: as strcmp().
 */
static int compare_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int d = strcasecmp(x->name, y->name);

	return (d != 0 ? d : strcmp(x->name, y->name));
}

/**
 * servable - would a request for this directory entry be served?
 * @site: the site
 * @dir: the directory
 * @name: the entry's name
 * @st: where to put what fstat() says of it
 *
 * O_PATH opens without reading, so a named pipe cannot block; then the
 * same rules as for a request: a regular file or a directory, inside DIR.
 * A link that leads out of DIR, a pipe or a device is left out of the
 * listing rather than shown as a link to a 403.
 *
 * Return: 1 if it would, 0 if not.
 */
static int servable(const struct site *site, int dir, const char *name,
		    struct stat *st)
{
	int fd = openat(dir, name, O_PATH | O_CLOEXEC), ok;

	if (fd < 0)
		return (0);
	ok = fstat(fd, st) == 0 && inside(site, fd) &&
	     (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode));
	close(fd);
	return (ok);
}

/**
 * add_entry - add a directory entry to a listing's entries
 * @list: the entries (grown here)
 * @n: how many there are (counted here)
 * @cap: how many there is room for (updated)
 * @name: the entry's name
 * @st: what fstat() said of it
 *
 * Return: 0, or -1 if memory ran out.
 */
static int add_entry(struct entry **list, size_t *n, size_t *cap,
		     const char *name, const struct stat *st)
{
	struct entry *grown, *e;
	size_t len = strlen(name);

	if (*n == *cap)
	{
		*cap = *cap ? *cap * 2 : 32;
		grown = realloc(*list, *cap * sizeof(*grown));
		if (grown == NULL)
			return (-1);
		*list = grown;
	}
	e = &(*list)[*n];
	e->name = malloc(len + 2);
	if (e->name == NULL)
		return (-1);
	strcpy(e->name, name);
	if (S_ISDIR(st->st_mode))
		strcpy(e->name + len, "/");
	e->size = S_ISDIR(st->st_mode) ? -1 : st->st_size;
	e->mtime = st->st_mtime;
	(*n)++;
	return (0);
}

/**
 * read_entries - every entry of a directory that the server would serve
 * @site: the site
 * @dir: the directory
 * @entries: where to put the entries, sorted (each name, and the array,
 *           to be freed)
 * @count: where to put how many there are
 *
 * Return: 0, or -1 if memory ran out.
 */
static int read_entries(const struct site *site, DIR *dir,
			struct entry **entries, size_t *count)
{
	struct entry *list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;
	struct stat st;

	while ((d = readdir(dir)) != NULL)
	{
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    !servable(site, dirfd(dir), d->d_name, &st))
			continue;
		if (add_entry(&list, &n, &cap, d->d_name, &st) != 0)
			break;
	}
	if (d != NULL)
	{
		while (n > 0)
			free(list[--n].name);
		free(list);
		return (-1);
	}
	if (n > 0)
		qsort(list, n, sizeof(*list), compare_entries);
	*entries = list;
	*count = n;
	return (0);
}

/**
 * add_row - one entry's row of a listing: link, modification time, size
 * @page: the page
 * @e: the entry
 *
 * Return: 0, or -1 if memory ran out.
 */
static int add_row(struct buf *page, const struct entry *e)
{
	char when[32];
	struct tm tm;
	int err = 0;

	gmtime_r(&e->mtime, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	err |= buf_printf(page, "<tr><td><a href=\"");
	err |= add_escaped(page, e->name, 1);
	err |= buf_printf(page, "\">");
	err |= add_escaped(page, e->name, 0);
	err |= buf_printf(page, "</a></td><td>%s</td>", when);
	if (e->size < 0)
		err |= buf_printf(page, "<td>-</td></tr>\n");
	else
		err |= buf_printf(page, "<td>%ld</td></tr>\n", (long)e->size);
	return (err);
}

/**
 * site_listing - an HTML page listing a directory
 * @site: the site
 * @page: where to write the page
 * @fd: the directory (closed here)
 * @path: its path, for the title
 *
 * Return: 0, or -1 if it could not be read or memory ran out.
 */
int site_listing(const struct site *site, struct buf *page, int fd,
		 const char *path)
{
	DIR *dir = fdopendir(fd);
	struct entry *list;
	size_t n = 0, i;
	int err = 0;

	if (dir == NULL)
	{
		close(fd);
		return (-1);
	}
	err = read_entries(site, dir, &list, &n);
	closedir(dir);
	if (err != 0)
		return (-1);
	err |= buf_printf(page, "<!DOCTYPE html>\n<html>\n<head><meta charset=\""
			  "utf-8\"><title>Index of /");
	err |= add_escaped(page, path, 0);
	err |= buf_printf(page, "</title></head>\n<body>\n<h1>Index of /");
	err |= add_escaped(page, path, 0);
	err |= buf_printf(page, "</h1>\n<table>\n<tr><th>Name</th><th>Last "
			  "modified (UTC)</th><th>Size</th></tr>\n");
	for (i = 0; i < n; i++)
	{
		err |= add_row(page, &list[i]);
		free(list[i].name);
	}
	free(list);
	err |= buf_printf(page, "</table>\n</body>\n</html>\n");
	return (err);
}

