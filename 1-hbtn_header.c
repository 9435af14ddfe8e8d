/*
 * 1-hbtn_header - print the X-Request-Id header of a response
 *
 * Usage: ./1-hbtn_header URL
 *
 *   $ ./1-hbtn_header http://127.0.0.1:5000/
 *   0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
 *
 * What it teaches: reading a response header with curl_easy_header(),
 * which matches names case-insensitively as HTTP requires. The header is
 * printed whatever the status, so a 404 page's id is printed too. With
 * redirects, the header comes from the last response.
 *
 * Exit status: 0 on success, 1 on failure (including no such header),
 * 2 on wrong arguments. NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <curl/curl.h>

#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "1-hbtn_header"
#define HEADER "X-Request-Id"

/**
 * discard - a write callback that throws the body away
 * @ptr: received bytes (unused)
 * @size: always 1
 * @nmemb: number of bytes
 * @userdata: unused
 *
 * Without it libcurl would print the body on stdout.
 *
 * Return: the number of bytes "handled", so the transfer goes on.
 */
static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	(void)ptr;
	(void)userdata;
	return (size * nmemb);
}

/**
 * print_header - GET @url and print the value of its HEADER header
 * @curl: a handle from curl_easy_init()
 * @url: what to fetch
 * @errbuf: CURL_ERROR_SIZE bytes for libcurl's explanations
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int print_header(CURL *curl, const char *url, char *errbuf)
{
	struct curl_header *header;
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
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
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
	/* Index 0 of the headers of the last request (-1): after redirects,
	 * that is the final response.
	 */
	if (curl_easy_header(curl, HEADER, 0, CURLH_HEADER, -1, &header)
	    != CURLHE_OK)
	{
		fprintf(stderr, "%s: no %s header in the response\n", NAME,
			HEADER);
		return (1);
	}
	printf("%s\n", header->value);
	return (out_flush(NAME));
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
	char errbuf[CURL_ERROR_SIZE];
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
	curl = curl_easy_init();
	if (curl == NULL)
		fprintf(stderr, "%s: cannot start libcurl\n", NAME);
	else
		failed = print_header(curl, argv[1], errbuf);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	return (failed);
}
