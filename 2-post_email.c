/*
 * 2-post_email - POST an email address as a form and print the answer
 *
 * Usage: ./2-post_email URL EMAIL
 *
 *   $ ./2-post_email http://127.0.0.1:5000/post_email hr@holbertonschool.com
 *   Your email is: hr@holbertonschool.com
 *
 * What it teaches: sending a form with libcurl. The body is
 * "email=<EMAIL>" in application/x-www-form-urlencoded, so EMAIL must be
 * percent-encoded: "a+b@x.y" would otherwise arrive as "a b@x.y", and an
 * "&" would start a second field. An HTTP status of 400 or more is a
 * failure.
 *
 * Exit status: 0 on success, 1 on failure, 2 on wrong arguments.
 * NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "2-post_email"

/**
 * form_body - build "email=<EMAIL>" with EMAIL percent-encoded
 * @curl: the handle (curl_easy_escape() needs one)
 * @email: the address as typed
 *
 * Return: the body (free() it), or NULL when out of memory.
 */
static char *form_body(CURL *curl, const char *email)
{
	char *escaped = curl_easy_escape(curl, email, 0);
	char *body = NULL;

	if (escaped != NULL)
	{
		body = malloc(strlen("email=") + strlen(escaped) + 1);
		if (body != NULL)
			sprintf(body, "email=%s", escaped);
		curl_free(escaped);
	}
	return (body);
}

/**
 * post - POST the form to @url and collect the answer in @answer
 * @curl: a handle from curl_easy_init()
 * @form: the form body, already percent-encoded
 * @url: where to post
 * @answer: where the response body goes
 * @errbuf: CURL_ERROR_SIZE bytes for libcurl's explanations
 *
 * Return: 0 if a response with a status below 400 arrived, 1 otherwise.
 */
static int post(CURL *curl, const char *form, const char *url,
		struct buf *answer, char *errbuf)
{
	long status = 0;
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
	/* Setting POSTFIELDS makes the request a POST with the
	 * Content-Type application/x-www-form-urlencoded.
	 */
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, answer);
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
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 400)
	{
		fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
		return (1);
	}
	return (0);
}

/**
 * send_email - build the form on @curl and post it
 * @curl: a handle from curl_easy_init()
 * @url: where to post
 * @email: the address as typed
 * @answer: where the response body goes
 * @errbuf: CURL_ERROR_SIZE bytes for libcurl's explanations
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int send_email(CURL *curl, const char *url, const char *email,
		      struct buf *answer, char *errbuf)
{
	char *form = form_body(curl, email);
	int failed;

	if (form == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
		return (1);
	}
	failed = post(curl, form, url, answer, errbuf);
	/* libcurl does not copy POSTFIELDS: free it after the transfer. */
	free(form);
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
	char errbuf[CURL_ERROR_SIZE];
	struct buf answer;
	CURL *curl;
	int failed = 1;

	if (argc != 3)
	{
		fprintf(stderr, "Usage: ./%s URL EMAIL\n", NAME);
		return (2);
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
	{
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
		return (1);
	}
	buf_init(&answer);
	curl = curl_easy_init();
	if (curl == NULL)
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
	else
		failed = send_email(curl, argv[1], argv[2], &answer, errbuf);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	if (!failed)
	{
		buf_print(&answer, stdout);
		putchar('\n');
		failed = out_flush(NAME);
	}
	buf_free(&answer);
	return (failed);
}
