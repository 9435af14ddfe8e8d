/*
 * 3-error_code - print a page, or its HTTP error code
 *
 * Usage: ./3-error_code URL
 *
 *   $ ./3-error_code http://127.0.0.1:5000/status_401
 *   Error code: 401
 *   $ echo $?
 *   1
 *
 * What it teaches: libcurl succeeds whenever a response arrives, even a
 * "404 Not Found"; the status is read afterwards with
 * CURLINFO_RESPONSE_CODE. Below 400 the body is printed; from 400 on,
 * "Error code: <status>" is printed on stdout and the exit status is 1.
 *
 * Exit status: 0 on success, 1 on an HTTP error or any other failure,
 * 2 on wrong arguments. NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "3-error_code"

/**
 * fetch - GET @url into @body and find its status
 * @curl: a handle from curl_easy_init()
 * @url: what to fetch
 * @body: where the response body goes
 * @status: where the HTTP status goes
 * @errbuf: CURL_ERROR_SIZE bytes for libcurl's explanations
 *
 * Return: 0 if a response arrived (whatever its status), 1 otherwise.
 */
static int fetch(CURL *curl, const char *url, struct buf *body,
		 long *status, char *errbuf)
{
	CURLcode rc;

	/* The options every careful client sets (given: lib/curl/easy.c). */
	if (easy_defaults(curl, NAME, errbuf) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
		return (1);
	}
	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* Follow redirects like a browser, but not forever. */
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
	{
		fprintf(stderr, "%s: %s%s\n", NAME, curl_easy_strerror(rc),
			easy_detail(rc, errbuf));
		return (1);
	}
	if (easy_check(curl, errbuf) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
		return (1);
	}
	/* CURLE_OK only says that a response arrived: a "404 Not Found"
	 * is one. The status is read here, and judged by the caller.
	 */
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	return (0);
}

/**
 * main - print the body of URL, or its error code
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the URL
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char errbuf[CURL_ERROR_SIZE];
	struct buf body;
	long status = 0;
	CURL *curl;
	int failed = 1;

	if (argc != 2)
	{
		fprintf(stderr, "Usage: ./%s URL\n", NAME);
		return (2);
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
	{
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
		return (1);
	}
	buf_init(&body);
	curl = curl_easy_init();
	if (curl == NULL)
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
	else
		failed = fetch(curl, argv[1], &body, &status, errbuf);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	if (!failed)
	{
		if (status >= 400)
			printf("Error code: %ld\n", status);
		else
		{
			buf_print(&body, stdout);
			putchar('\n');
		}
		failed = out_flush(NAME) || status >= 400;
	}
	buf_free(&body);
	return (failed);
}
