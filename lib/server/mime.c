/*
 * mime.c - the media type of a file, from its name's extension
 *
 * Given plumbing: no exercise teaches it. Used by 15-http_server,
 * 103-http11_server and 104-fast_server.
 *
 * Debian keeps the table every server and mail reader uses in
 * /etc/mime.types (package media-types): one media type per line, then
 * the extensions that have it. Reading that file once at start gives the
 * server every type the system knows (.mjs, .webm, .wasm, ...) with no
 * hand-kept list to go stale. Where the file cannot be read, a small
 * built-in table covers the web's everyday files.
 */
#define _GNU_SOURCE /* getline, strtok_r */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/server/mime.h"

/* When the system's table cannot be read: sorted by extension. */
static const struct mime_type builtin[] = {
	{"css", "text/css", 0}, {"htm", "text/html", 0},
	{"html", "text/html", 0}, {"jpg", "image/jpeg", 0},
	{"js", "text/javascript", 0}, {"json", "application/json", 0},
	{"mjs", "text/javascript", 0}, {"png", "image/png", 0},
	{"svg", "image/svg+xml", 0}, {"txt", "text/plain", 0},
	{"wasm", "application/wasm", 0}};

/**
 * compare_types - order entries by extension, then by line in the file
 * @a: the first entry
 * @b: the second
 *
 * Return: as strcmp().
 */
static int compare_types(const void *a, const void *b)
{
	const struct mime_type *x = a, *y = b;
	int d = strcasecmp(x->ext, y->ext);

	if (d != 0)
		return (d);
	return (x->line < y->line ? -1 : x->line > y->line);
}

/**
 * add_type - add one extension and its type to the table
 * @m: the table
 * @cap: how many entries it has room for (updated)
 * @ext: the extension
 * @type: its type
 * @line: the line of the file it is on
 *
 * Return: 0, or -1 if memory ran out.
 */
static int add_type(struct mime *m, size_t *cap, const char *ext,
		    const char *type, size_t line)
{
	struct mime_type *grown, *t;

	if (m->count == *cap)
	{
		*cap = *cap ? *cap * 2 : 1024;
		grown = realloc(m->types, *cap * sizeof(*grown));
		if (grown == NULL)
			return (-1);
		m->types = grown;
	}
	t = &m->types[m->count];
	t->ext = strdup(ext);
	t->type = strdup(type);
	t->line = line;
	if (t->ext == NULL || t->type == NULL)
	{
		free(t->ext);
		free(t->type);
		return (-1);
	}
	m->count++;
	return (0);
}

/**
 * read_types - read every "type ext ext..." line of a mime.types file
 * @m: the table to fill
 * @f: the file
 *
 * Return: 0, or -1 if memory ran out.
 */
static int read_types(struct mime *m, FILE *f)
{
	char *text = NULL, *type, *ext, *save;
	size_t size = 0, cap = 0, line = 0;
	int err = 0;

	while (err == 0 && getline(&text, &size, f) != -1)
	{
		line++;
		type = strtok_r(text, " \t\r\n", &save);
		if (type == NULL || type[0] == '#')
			continue;
		while (err == 0 && (ext = strtok_r(NULL, " \t\r\n", &save)))
			err = add_type(m, &cap, ext, type, line);
	}
	free(text);
	return (err);
}

/**
 * mime_load - read the system's table of media types: the file that
 * MIME_TYPES names, else MIME_TYPES_FILE
 * @m: the table to fill
 * @err: where to write why it could not be read
 * @size: the size of @err
 *
 * Where an extension is on several lines, the first one wins.
 *
 * Return: 0, or -1 if the file cannot be read or names no type at all
 * (the built-in table is then used, and @err says "cannot read FILE:
 * REASON").
 */
int mime_load(struct mime *m, char *err, size_t size)
{
	const char *file = getenv("MIME_TYPES");
	FILE *f;
	int failed;

	if (file == NULL || *file == '\0')
		file = MIME_TYPES_FILE;
	m->types = NULL;
	m->count = 0;
	f = fopen(file, "r");
	if (f == NULL)
	{
		snprintf(err, size, "cannot read %s: %s", file, strerror(errno));
		return (-1);
	}
	errno = 0;
	failed = read_types(m, f) != 0 || ferror(f);
	fclose(f);
	if (failed || m->count == 0)
	{
		snprintf(err, size, "cannot read %s: %s", file,
			 failed ? strerror(errno) : "it names no media type");
		mime_free(m);
		return (-1);
	}
	qsort(m->types, m->count, sizeof(*m->types), compare_types);
	return (0);
}

/**
 * first_of - the first entry of a sorted table with a given extension
 * @types: the table
 * @count: its entries
 * @ext: the extension
 *
 * Return: the entry, or NULL if none has it.
 */
static const struct mime_type *first_of(const struct mime_type *types,
					size_t count, const char *ext)
{
	size_t lo = 0, hi = count, mid;

	/* A binary search for the leftmost entry not before @ext. */
	while (lo < hi)
	{
		mid = lo + (hi - lo) / 2;
		if (strcasecmp(types[mid].ext, ext) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < count && strcasecmp(types[lo].ext, ext) == 0)
		return (&types[lo]);
	return (NULL);
}

/**
 * mime_type - the media type of a file
 * @m: the table (built-in if mime_load() failed)
 * @path: the file's path; what follows the last '.' of its name counts
 *
 * Return: the type, or application/octet-stream if it is unknown.
 */
const char *mime_type(const struct mime *m, const char *path)
{
	const char *name = strrchr(path, '/'), *dot;
	const struct mime_type *t;

	name = name != NULL ? name + 1 : path;
	dot = strrchr(name, '.');
	if (dot == NULL || dot == name)
		return ("application/octet-stream");
	if (m->types != NULL)
		t = first_of(m->types, m->count, dot + 1);
	else
		t = first_of(builtin, sizeof(builtin) / sizeof(builtin[0]),
			     dot + 1);
	return (t != NULL ? t->type : "application/octet-stream");
}

/**
 * mime_free - free a table read by mime_load()
 * @m: the table
 */
void mime_free(struct mime *m)
{
	size_t i;

	for (i = 0; i < m->count; i++)
	{
		free(m->types[i].ext);
		free(m->types[i].type);
	}
	free(m->types);
	m->types = NULL;
	m->count = 0;
}
