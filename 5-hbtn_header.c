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
 * the last response (after redirects) in res.headers, each
 * "Name: value\n", and finds one by name with head_field(), as 4 found
 * Content-Length and Location. The header is printed whatever the status.
 *
 * Exit status: 0 on success, 1 on failure (including no such header),
 * 2 on wrong arguments. NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>

#include "lib/client/head.h"
#include "lib/client/http.h"
#include "lib/out.h"

#define NAME "5-hbtn_header"
#define HEADER "X-Request-Id"

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
	size_t from = 0, len;
	int failed = 1;

	if (argc != 2)
	{
		fprintf(stderr, "Usage: ./%s URL\n", NAME);
		return (2);
	}
	req.url = argv[1];
	if (http_fetch(&req, &res, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s\n", NAME, err);
	else if ((value = head_field(&res.headers, HEADER, &from, &len)) ==
		 NULL)
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
