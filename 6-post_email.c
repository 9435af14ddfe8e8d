/*
 * 6-post_email - 2-post_email without libcurl: POST a form by hand
 *
 * Usage: ./6-post_email URL EMAIL
 *
 *   $ ./6-post_email http://127.0.0.1:5000/post_email hr@holbertonschool.com
 *   Your email is: hr@holbertonschool.com
 *
 * What it teaches: a form is a body, "email=<EMAIL>", announced by two
 * headers, "Content-Type: application/x-www-form-urlencoded" and
 * "Content-Length: <bytes>". EMAIL must be percent-encoded, here by hand:
 * every byte but letters, digits and "-._~" becomes "%XX", so "+", "&",
 * "=", spaces and non-ASCII bytes arrive as typed. An HTTP status of 400
 * or more is a failure.
 *
 * Exit status: 0 on success, 1 on failure, 2 on wrong arguments.
 * NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/client/http.h"
#include "lib/out.h"

#define NAME "6-post_email"
#define UNRESERVED "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
	"0123456789-._~"

/**
 * form_body - build "email=<EMAIL>" with EMAIL percent-encoded
 * @form: where the body goes
 * @email: the address as typed
 *
 * Return: 0 on success, -1 when out of memory.
 */
static int form_body(struct buf *form, const char *email)
{
	const unsigned char *p;
	int rc = buf_printf(form, "email=");

	for (p = (const unsigned char *)email; *p != '\0' && rc == 0; p++)
	{
		if (strchr(UNRESERVED, *p) != NULL)
			rc = buf_printf(form, "%c", *p);
		else
			rc = buf_printf(form, "%%%02X", *p);
	}
	return (rc);
}

/**
 * post - send the form and print the answer
 * @req: the request, with its body
 *
 * Return: 0 on success, 1 on failure.
 */
static int post(const struct http_request *req)
{
	struct http_response res;
	char err[256];
	int failed = 1;

	if (http_fetch(req, &res, err, sizeof(err)) != 0)
		fprintf(stderr, "%s: %s\n", NAME, err);
	else if (res.status >= 400)
		fprintf(stderr, "%s: HTTP error %d\n", NAME, res.status);
	else
	{
		buf_print(&res.body, stdout);
		putchar('\n');
		failed = out_flush(NAME);
	}
	http_response_free(&res);
	return (failed);
}

/**
 * main - post EMAIL to URL and print the response body
 * @argc: number of arguments
 * @argv: the arguments: URL and EMAIL
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct http_request req = {"POST", NULL, NAME, NULL, NULL, 0};
	char fields[128];
	struct buf form;
	int failed = 1;

	if (argc != 3)
	{
		fprintf(stderr, "Usage: ./%s URL EMAIL\n", NAME);
		return (2);
	}
	buf_init(&form);
	if (form_body(&form, argv[2]) != 0)
		fprintf(stderr, "%s: out of memory\n", NAME);
	else
	{
		/* What the body is, and where it ends: the server reads
		 * exactly Content-Length bytes after the empty line.
		 */
		sprintf(fields, "Content-Type: application/x-www-form-urlencoded"
			"\r\nContent-Length: %lu\r\n", (unsigned long)form.len);
		req.url = argv[1];
		req.fields = fields;
		req.body = form.data;
		req.body_len = form.len;
		failed = post(&req);
	}
	buf_free(&form);
	return (failed);
}
