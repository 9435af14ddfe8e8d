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
 * What it teaches: the shape of every libcurl program, in the order of
 * curl's own examples: curl_global_init, curl_easy_init, the options
 * (curl_easy_setopt), curl_easy_perform, curl_easy_strerror on failure,
 * curl_easy_getinfo to inspect, curl_easy_cleanup and curl_global_cleanup;
 * and how to collect a body in memory with a write callback. An HTTP
 * status of 400 or more is a failure: libcurl only reports transport
 * errors, so we check it.
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
 * on_body - libcurl's write callback: keep the bytes that arrived
 * @ptr: the bytes (not '\0'-terminated)
 * @size: always 1
 * @nmemb: how many bytes
 * @body: the struct buf given as CURLOPT_WRITEDATA
 *
 * libcurl calls it each time a piece of the body arrives, as many times as
 * it takes.
 *
 * Return: @nmemb to go on. Anything else (here: out of memory, or a body
 * over BUF_MAX_SIZE) makes libcurl stop with CURLE_WRITE_ERROR.
 */
static size_t on_body(char *ptr, size_t size, size_t nmemb, void *body)
{
	if (buf_append(body, ptr, size * nmemb) != 0)
		return (0);
	return (size * nmemb);
}

/**
 * fetch - set the options on @curl, perform the transfer, judge it
 * @curl: a handle from curl_easy_init()
 * @url: what to fetch
 * @body: where the response body goes
 * @errbuf: CURL_ERROR_SIZE bytes for libcurl's explanations
 *
 * Return: 0 if a response arrived, 1 otherwise (the reason has been
 * printed on stderr).
 */
static int fetch(CURL *curl, const char *url, struct buf *body,
		 char *errbuf)
{
	CURLcode rc;

	/* The options every careful client sets: time limits, http(s) only,
	 * a cap on the body, the CA bundle (given: lib/curl/easy.c).
	 */
	if (easy_defaults(curl, NAME, errbuf) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
		return (1);
	}
	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* Follow redirects like a browser, but not forever. */
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
	/* Collect the body in memory instead of letting libcurl print it. */
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	/* The whole exchange: resolve, connect, TLS, request, response. */
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
	{
		/* curl_easy_strerror() names the error; errbuf may say more. */
		fprintf(stderr, "%s: %s%s\n", NAME, curl_easy_strerror(rc),
			easy_detail(rc, errbuf));
		return (1);
	}
	/* What libcurl lets through: a response cut in its headers, a
	 * redirect that says not where (given: lib/curl/easy.c).
	 */
	if (easy_check(curl, errbuf) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
		return (1);
	}
	return (0);
}

/**
 * http_error - judge the status of the response that arrived
 * @curl: the handle, after a transfer fetch() called a success
 *
 * libcurl succeeds whenever a response arrived, a 404 as much as a 200:
 * judging its status is the program's job.
 *
 * Return: 0 for a status below 400, 1 otherwise (said on stderr).
 */
static int http_error(CURL *curl)
{
	long status = 0;

	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status < 400)
		return (0);
	fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
	return (1);
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
	/* Once per program, before any other libcurl call. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
	{
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
		return (1);
	}
	buf_init(&body);
	/* One easy handle holds the options and state of one transfer. */
	curl = curl_easy_init();
	if (curl == NULL)
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
	else
		failed = fetch(curl, argc == 2 ? argv[1] : DEFAULT_URL, &body,
			       errbuf) || http_error(curl);
	/* Clean up in the reverse order (both accept what init gave). */
	curl_easy_cleanup(curl);
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
