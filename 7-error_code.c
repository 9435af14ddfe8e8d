/*
 * 7-error_code - 3-error_code without libcurl: the status code decides
 *
 * Usage: ./7-error_code URL
 *
 *   $ ./7-error_code http://127.0.0.1:5000/status_401
 *   Error code: 401
 *
 * What it teaches: the status code decides, not the transfer. The code is
 * the second word of the response's first line ("HTTP/1.1 401
 * Unauthorized"); lib/client/head.c (written in 4-hbtn_status) read it
 * into res.status, skipping interim answers (1xx), and lib/client/http.c
 * followed redirects (3xx), so what is left is a success (2xx) or an
 * error (4xx and 5xx). Below 400 the body is printed; from 400 on,
 * "Error code: <status>" is printed on stdout and the exit status is 1:
 * a transfer that worked can still be a failure.
 *
 * Exit status: 0 below 400, 1 on an error code or any failure, 2 on wrong
 * arguments. NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>

#include "lib/buf.h"
#include "lib/client/http.h"
#include "lib/out.h"

#define NAME "7-error_code"

/**
 * main - print the body of URL, or its error code
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the URL
 *
 * Return: 0 below 400, 1 on an error code or failure, 2 on wrong
 * arguments.
 */
int main(int argc, char **argv)
{
	struct http_request req = {"GET", NULL, NAME, NULL, NULL, 0};
	struct http_response res;
	char err[256];
	int failed = 1;

	if (argc != 2)
	{
		fprintf(stderr, "Usage: ./%s URL\n", NAME);
		return (2);
	}
	req.url = argv[1];
	if (http_fetch(&req, &res, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s\n", NAME, err);
	else
	{
		if (res.status >= 400)
			printf("Error code: %d\n", res.status);
		else
		{
			buf_print(&res.body, stdout);
			putchar('\n');
		}
		failed = out_flush(NAME) || res.status >= 400;
	}
	http_response_free(&res);
	return (failed);
}
