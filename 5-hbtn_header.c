/*
 * 5-hbtn_header - 1-hbtn_header without libcurl: find a response header
 *
 * Usage: ./5-hbtn_header URL
 *
 *   $ ./5-hbtn_header http://127.0.0.1:5000/
 *   0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
 *
 * What it teaches: a response header is a line "Name: value" between the
 * status line and the empty line that ends the headers; its name matches
 * whatever its case ("x-request-id" is the same header).
 * lib/client/head.c (written in 4-hbtn_status) keeps the header lines of
 * the last response (after redirects), each "Name: value\n"; find_header()
 * below looks for one with strncasecmp(). The header is printed whatever
 * the status.
 *
 * Exit status: 0 on success, 1 on failure (including no such header),
 * 2 on wrong arguments. NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/client/http.h"
#include "lib/out.h"

#define NAME "5-hbtn_header"
#define HEADER "X-Request-Id"

/**
 * find_header - the value of a header of the response
 * @headers: the header lines, each "Name: value\n"
 * @name: the header's name, in any case
 * @len: set to the value's length
 *
 * Return: the first such header's value (it ends at a '\n'), or NULL if
 * there is none.
 */
static const char *find_header(const struct buf *headers, const char *name,
			       size_t *len)
{
	const char *line = headers->data, *end;
	size_t n = strlen(name);

	if (line == NULL) /* no header at all */
		return (NULL);
	end = line + headers->len;
	while (line != NULL && line < end)
	{
		/* The name, then the colon: "X-Request-Id-2" is another one. */
		if ((size_t)(end - line) > n && line[n] == ':' &&
		    strncasecmp(line, name, n) == 0)
		{
			*len = strcspn(line + n + 2, "\n");
			return (line + n + 2);
		}
		line = memchr(line, '\n', end - line);
		if (line != NULL)
			line++;
	}
	return (NULL);
}

/**
 * main - print the X-Request-Id header of the response to URL
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the URL
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct http_request req = {"GET", NULL, NAME, NULL, NULL, 0};
	struct http_response res;
	const char *value;
	char err[256];
	size_t len;
	int failed = 1;

	if (argc != 2)
	{
		fprintf(stderr, "Usage: ./%s URL\n", NAME);
		return (2);
	}
	req.url = argv[1];
	if (http_fetch(&req, &res, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s\n", NAME, err);
	else if ((value = find_header(&res.headers, HEADER, &len)) == NULL)
		fprintf(stderr, "%s: no %s header in the response\n", NAME,
			HEADER);
	else
	{
		printf("%.*s\n", (int)len, value);
		failed = out_flush(NAME);
	}
	http_response_free(&res);
	return (failed);
}
