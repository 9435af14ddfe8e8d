/*
 * 4-hbtn_status - 0-hbtn_status without libcurl: HTTP by hand over a socket
 *
 * Usage: ./4-hbtn_status [URL]
 *        (default URL: https://intranet.hbtn.io/status)
 *
 *   $ ./4-hbtn_status http://127.0.0.1:5000/status
 *   Body response:
 *           - length: 2
 *           - content: OK
 *
 * What it teaches: what libcurl did for 0-hbtn_status. The request is
 * text we write ourselves:
 *
 *   GET /status HTTP/1.1
 *   Host: 127.0.0.1:5000
 *   User-Agent: 4-hbtn_status/1.0
 *   Accept: * / *                 (without the spaces)
 *   Connection: close
 *
 * and the answer is text we read: a status line, headers, an empty line,
 * then the body, whose end is announced by Content-Length, by chunks, or
 * by the server closing the connection. lib/client/http.c, written in this
 * exercise too (5-7 reuse it), tells that story in http_fetch(): the URL
 * split (url.c), the connection made (12's connect.c, then conn.c: TLS),
 * the request written, the head read (head.c), the body read (body.c),
 * a redirect followed; this file is the same program as 0-hbtn_status,
 * one level down.
 *
 * Exit status: 0 on success, 1 on any failure, 2 on wrong arguments.
 * NET_TIMEOUT (seconds) shortens the 30 s limit; SSL_CERT_FILE names the
 * CA bundle to trust for https://.
 */
#include <stdio.h>

#include "lib/buf.h"
#include "lib/client/http.h"
#include "lib/out.h"

#define NAME "4-hbtn_status"
#define DEFAULT_URL "https://intranet.hbtn.io/status"

/**
 * main - fetch the URL given (or the default one) and describe the body
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional URL
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct http_request req = {"GET", NULL, NAME, NULL, NULL, 0};
	struct http_response res;
	char err[256];
	int failed = 1;

	if (argc > 2)
	{
		fprintf(stderr, "Usage: ./%s [URL]\n", NAME);
		return (2);
	}
	req.url = argc == 2 ? argv[1] : DEFAULT_URL;
	if (http_fetch(&req, &res, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s\n", NAME, err);
	else if (res.status >= 400)
		fprintf(stderr, "%s: HTTP error %d\n", NAME, res.status);
	else
	{
		printf("Body response:\n\t- length: %lu\n\t- content: ",
		       (unsigned long)res.body.len);
		buf_print(&res.body, stdout);
		putchar('\n');
		failed = out_flush(NAME);
	}
	http_response_free(&res);
	return (failed);
}
