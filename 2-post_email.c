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
 * @curl: a handle made by easy_open()
 * @url: where to post
 * @email: the address to send
 * @answer: where the response body goes
 * @errbuf: the handle's error buffer
 *
 * Return: 0 if a response with a status below 400 arrived, 1 otherwise.
 */
static int post(CURL *curl, const char *url, const char *email,
		struct buf *answer, const char *errbuf)
{
	char *form = form_body(curl, email);
	long status = 0;
	int failed;

	if (form == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
		return (1);
	}
	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* Setting POSTFIELDS makes the request a POST with the
	 * Content-Type application/x-www-form-urlencoded.
	 */
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, answer);
	/* curl_easy_perform(), plus checks for broken responses that
	 * libcurl lets through (see lib/curl/easy.c).
	 */
	failed = easy_perform(curl, NAME, errbuf);
	free(form);
	if (failed)
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
	buf_init(&answer);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	if (curl != NULL)
	{
		failed = post(curl, argv[1], argv[2], &answer, errbuf);
		curl_easy_cleanup(curl);
	}
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
