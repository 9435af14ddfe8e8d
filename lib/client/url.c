/*
 * url.c - split an http:// or https:// URL into host, port and target,
 * and resolve a redirect's Location against the URL it came from.
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/url.h is its given API). Used by 4-7.
 *
 * Only what an HTTP client needs: scheme, host (name, IPv4, or IPv6 in
 * brackets), optional port, path and query. Anything else (another scheme,
 * user:password@, spaces or control characters, a bad port) is refused
 * with a reason. A fragment (#...) is dropped: it is never sent. The
 * path's "." and ".." segments are removed as RFC 3986 (section 5.2.4)
 * says, so "/a/./b/../c" asks for "/a/c", as every browser does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/client/url.h"

/**
 * split_scheme - read "http://" or "https://"
 * @text: the URL
 * @u: where @u->tls is set
 *
 * Return: what follows "://", or NULL if the scheme is not http(s).
 */
static const char *split_scheme(const char *text, struct url *u)
{
	if (strncasecmp(text, "http://", 7) == 0)
	{
		u->tls = 0;
		return (text + 7);
	}
	if (strncasecmp(text, "https://", 8) == 0)
	{
		u->tls = 1;
		return (text + 8);
	}
	return (NULL);
}

/**
 * split_host - copy the host, bracketed or not, and return what follows
 * @p: the authority part
 * @end: where the authority ends
 * @u: where the host goes
 * @why: the reason, on failure
 *
 * Return: the character after the host, or NULL on failure.
 */
static const char *split_host(const char *p, const char *end, struct url *u,
			      const char **why)
{
	const char *stop;

	if (*p == '[')
	{
		stop = memchr(p, ']', end - p);
		if (stop == NULL || stop == p + 1 ||
		    strspn(p + 1, "0123456789abcdefABCDEF:.") !=
		    (size_t)(stop - p - 1))
			return (*why = "bad IPv6 address", NULL);
		p++;
	}
	else
	{
		for (stop = p; stop < end && *stop != ':'; stop++)
			;
		if (strcspn(p, "[]") < (size_t)(stop - p))
			return (*why = "bad host name", NULL);
	}
	if (stop == p)
		return (*why = "no host name", NULL);
	if ((size_t)(stop - p) >= sizeof(u->host))
		return (*why = "host name too long", NULL);
	memcpy(u->host, p, stop - p);
	u->host[stop - p] = '\0';
	return (*stop == ']' ? stop + 1 : stop);
}

/**
 * split_port - read ":PORT", if there is one
 * @p: where the port would start
 * @end: where the authority ends
 * @u: where the port goes
 *
 * Return: 0 on success, -1 if the port is not a number from 1 to 65535.
 */
static int split_port(const char *p, const char *end, struct url *u)
{
	long port;
	char *stop;

	if (p == end || (p + 1 == end && *p == ':'))
	{
		strcpy(u->port, u->tls ? "443" : "80");
		return (0);
	}
	if (*p != ':' || end - p > 6 || strspn(p + 1, "0123456789") !=
	    (size_t)(end - p - 1))
		return (-1);
	port = strtol(p + 1, &stop, 10);
	if (port < 1 || port > 65535)
		return (-1);
	sprintf(u->port, "%ld", port);
	return (0);
}

/**
 * remove_dot_segments - RFC 3986's section 5.2.4, on a path that starts
 * with '/' (the rules for a path that does not never apply to it)
 * @path: the path, changed in place: it can only get shorter
 *
 * Return: the path's new end.
 */
static char *remove_dot_segments(char *path)
{
	char *in = path, *out = path;
	size_t n;

	while (*in != '\0')
	{
		if (strncmp(in, "/./", 3) == 0)
			in += 2;			/* "/./x" is "/x" */
		else if (strcmp(in, "/.") == 0)
			in[1] = '\0';			/* "/." is "/" */
		else if (strncmp(in, "/../", 4) == 0 || strcmp(in, "/..") == 0)
		{
			/* As above, and the last segment written goes. */
			if (in[3] == '\0')
				in[1] = '\0';
			else
				in += 3;
			while (out > path && *--out != '/')
				;
		}
		else
		{
			n = 1 + strcspn(in + 1, "/");	/* "/segment" */
			memmove(out, in, n);
			out += n;
			in += n;
		}
	}
	return (out);
}

/**
 * normalize_target - remove the dot segments from a target's path,
 * leaving its query as it is (dots there are data)
 * @target: "/path?query", changed in place
 */
static void normalize_target(char *target)
{
	char *query = target + strcspn(target, "?"), mark = *query, *end;

	*query = '\0';
	end = remove_dot_segments(target);
	*query = mark;
	memmove(end, query, strlen(query) + 1);
}

/**
 * url_parse - split an http:// or https:// URL
 * @text: the URL
 * @u: where the parts go
 * @why: on failure, set to the reason (a static string)
 *
 * Return: 0 on success, -1 on failure.
 */
int url_parse(const char *text, struct url *u, const char **why)
{
	const char *p, *end, *frag;
	size_t i;

	*why = "not an http:// or https:// URL";
	p = split_scheme(text, u);
	if (p == NULL)
		return (-1);
	for (i = 0; text[i] != '\0'; i++)
		if ((unsigned char)text[i] <= ' ' || text[i] == 127)
			return (*why = "a space or a control character",
				-1);
	end = p + strcspn(p, "/?#");
	if (memchr(p, '@', end - p) != NULL)
		return (*why = "user names and passwords are refused",
			-1);
	p = split_host(p, end, u, why);
	if (p == NULL)
		return (-1);
	if (split_port(p, end, u) != 0)
		return (*why = "bad port", -1);
	frag = end + strcspn(end, "#");
	if ((size_t)(frag - end) + 2 > sizeof(u->target))
		return (*why = "URL too long", -1);
	u->target[0] = '/';
	i = *end == '/' ? 0 : 1;
	memcpy(u->target + i, end, frag - end);
	u->target[i + (frag - end)] = '\0';
	normalize_target(u->target);
	return (0);
}

/**
 * url_default_port - whether the URL's port is its scheme's default
 * @u: a parsed URL
 *
 * Return: 1 if so (the Host header then leaves it out), 0 otherwise.
 */
int url_default_port(const struct url *u)
{
	return (strcmp(u->port, u->tls ? "443" : "80") == 0);
}

/**
 * url_resolve - the absolute URL a Location header points to
 * @base: the URL of the response (absolute)
 * @ref: the Location: absolute ("https://h/p"), scheme-relative
 *       ("//h/p"), absolute path ("/p"), relative path ("p", "../p") or
 *       query only ("?q"). Its dot segments stay: url_parse() removes them.
 * @out: where the result goes
 * @size: the size of @out
 *
 * Return: 0 on success, -1 if the result does not fit.
 */
int url_resolve(const char *base, const char *ref, char *out, size_t size)
{
	const char *sep = strstr(base, "://"), *colon = strstr(ref, "://");
	size_t auth = sep - base + 3 + strcspn(sep + 3, "/?#");
	size_t keep, path_end = auth + strcspn(base + auth, "?#");
	const char *middle = "";

	if (colon != NULL && strcspn(ref, "/?#") > (size_t)(colon - ref))
		keep = 0;				/* absolute */
	else if (ref[0] == '/' && ref[1] == '/')
		keep = sep - base + 1;			/* "http:" */
	else if (ref[0] == '/')
		keep = auth;				/* the host */
	else if (ref[0] == '?')
		keep = path_end;			/* the whole path */
	else
	{
		/* Relative: replace what follows the path's last '/'. */
		for (keep = path_end; keep > auth && base[keep - 1] != '/';)
			keep--;
		if (keep == auth)
			middle = "/";
	}
	if (keep + strlen(middle) + strlen(ref) + 1 > size)
		return (-1);
	sprintf(out, "%.*s%s%s", (int)keep, base, middle, ref);
	return (0);
}
