/*
 * 0-hbtn_status - fetch a URL with libcurl and describe the body
 *
 * Usage: ./0-hbtn_status [URL]
 *        (default URL: https://intranet.hbtn.io/status)
 *
 *   $ ./0-hbtn_status http://127.0.0.1:5000/status
 *   Body response:
 *           - length: 2
 *           - content: OK
 *
 * What it teaches: the shape of every libcurl program (global init, easy
 * handle, options, perform, inspect, clean up) and how to collect a body
 * in memory with a write callback. An HTTP status of 400 or more is a
 * failure: libcurl only reports transport errors, so we check it.
 *
 * Exit status: 0 on success, 1 on any failure, 2 on wrong arguments.
 * NET_TIMEOUT (seconds) shortens the 30 s limit; SSL_CERT_FILE names the
 * CA bundle to trust for https://.
 */
#include <stdio.h>
#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "0-hbtn_status"
#define DEFAULT_URL "https://intranet.hbtn.io/status"

/**
 * fetch - GET @url into @body
 * @curl: a handle made by easy_open()
 * @url: what to fetch
 * @body: where the response body goes
 * @errbuf: the handle's error buffer
 *
 * Return: 0 if a response with a status below 400 arrived, 1 otherwise
 * (the reason has been printed on stderr).
 */
static int fetch(CURL *curl, const char *url, struct buf *body,
		 const char *errbuf)
{
	long status = 0;

	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* Collect the body in memory instead of letting libcurl print it. */
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	/* curl_easy_perform(), plus checks for broken responses that
	 * libcurl lets through (see lib/curl/easy.c).
	 */
	if (easy_perform(curl, NAME, errbuf) != 0)
		return (1);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 400)
	{
		fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
		return (1);
	}
	return (0);
}

/**
 * main - fetch the URL given (or the default one) and describe the body
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional URL
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char errbuf[CURL_ERROR_SIZE];
	struct buf body;
	CURL *curl;
	int failed = 1;

	if (argc > 2)
	{
		fprintf(stderr, "Usage: ./%s [URL]\n", NAME);
		return (2);
	}
	buf_init(&body);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	if (curl != NULL)
	{
		failed = fetch(curl, argc == 2 ? argv[1] : DEFAULT_URL, &body,
			       errbuf);
		curl_easy_cleanup(curl);
	}
	curl_global_cleanup();
	if (!failed)
	{
		printf("Body response:\n\t- length: %lu\n\t- content: ",
		       (unsigned long)body.len);
		buf_print(&body, stdout);
		putchar('\n');
		failed = out_flush(NAME);
	}
	buf_free(&body);
	return (failed);
}
