/*
 * 101-starwars - search the Star Wars API for people, every page
 *
 * Usage: ./101-starwars SEARCH
 *
 *   $ ./101-starwars sky
 *   Number of results: 2
 *   Luke Skywalker
 *   Anakin Skywalker
 *
 * As 9-starwars, but the API answers 10 people a page: each page names
 * the URL of the next one in "next" (null on the last page), and this
 * program follows it to print every name.
 *
 * What it teaches: pagination. The server decides the next URL; the
 * client trusts it only so far: at most MAX_PAGES pages, http(s) only.
 *
 * Exit status: 0 on success, 1 on failure, 2 on wrong arguments.
 * NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <cJSON.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "101-starwars"
#define DEFAULT_API "https://swapi.dev/api"
/* A server whose "next" never ends cannot keep us here forever. */
#define MAX_PAGES 100

/**
 * search_url - the API URL that searches people for @search
 * @curl: the handle (curl_easy_escape() needs one)
 * @search: what to look for, as typed
 *
 * Return: a new string (free() it), or NULL when out of memory.
 */
static char *search_url(CURL *curl, const char *search)
{
	char *escaped = curl_easy_escape(curl, search, 0);
	char *path = escaped ? malloc(strlen(escaped) + 32) : NULL;
	char *url = NULL;

	if (path != NULL)
	{
		sprintf(path, "/people/?search=%s", escaped);
		url = easy_api_url("SWAPI_URL", DEFAULT_API, path);
	}
	curl_free(escaped);
	free(path);
	return (url);
}

/**
 * list_people - append the names on @page to @out, and the count first
 * @page: one parsed page of search results
 * @out: where the lines go
 * @first: whether this is the first page (the one that prints the count)
 *
 * Return: 0 on success, 1 if @page is not what the API sends.
 */
static int list_people(const cJSON *page, struct buf *out, int first)
{
	cJSON *count = cJSON_GetObjectItemCaseSensitive(page, "count");
	cJSON *results = cJSON_GetObjectItemCaseSensitive(page, "results");
	const cJSON *person;
	cJSON *name;

	if (!cJSON_IsNumber(count) || !cJSON_IsArray(results))
		return (1);
	if (first &&
	    buf_printf(out, "Number of results: %d\n", count->valueint) != 0)
		return (1);
	cJSON_ArrayForEach(person, results)
	{
		name = cJSON_GetObjectItemCaseSensitive(person, "name");
		if (!cJSON_IsString(name) ||
		    buf_printf(out, "%s\n", name->valuestring) != 0)
			return (1);
	}
	return (0);
}

/**
 * next_url - copy the URL of the next page, if there is one
 * @page: one parsed page of search results
 * @next: set to a new string (free() it), or NULL on the last page
 *
 * Return: 0 on success, 1 if "next" is neither a string nor null, or
 * when out of memory.
 */
static int next_url(const cJSON *page, char **next)
{
	cJSON *item = cJSON_GetObjectItemCaseSensitive(page, "next");

	*next = NULL;
	if (cJSON_IsNull(item))
		return (0);
	if (!cJSON_IsString(item))
		return (1);
	*next = malloc(strlen(item->valuestring) + 1);
	if (*next == NULL)
		return (1);
	strcpy(*next, item->valuestring);
	return (0);
}

/**
 * parse_page - add one page's lines to @out, find the next page
 * @answer: the response body
 * @out: where the lines go
 * @first: whether this is the first page
 * @next: set to the next page's URL (free() it), or NULL
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int parse_page(const struct buf *answer, struct buf *out, int first,
		      char **next)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	int failed = 1;

	*next = NULL;
	if (json == NULL)
		fprintf(stderr, "%s: the answer is not valid JSON\n", NAME);
	else if (list_people(json, out, first) != 0 ||
		 next_url(json, next) != 0)
		fprintf(stderr, "%s: unexpected JSON from the API\n", NAME);
	else
		failed = 0;
	cJSON_Delete(json);
	return (failed);
}

/**
 * fetch_pages - fetch every page of results from @url on, into @out
 * @curl: a handle made by easy_open()
 * @url: the first page's URL (freed here)
 * @out: where the lines go
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int fetch_pages(CURL *curl, char *url, struct buf *out,
		       char *errbuf)
{
	struct buf answer;
	long status;
	int pages, failed = 0;

	buf_init(&answer);
	for (pages = 0; url != NULL && !failed; pages++)
	{
		if (pages == MAX_PAGES)
		{
			fprintf(stderr, "%s: more than %d pages\n", NAME, MAX_PAGES);
			failed = 1;
			break;
		}
		curl_easy_setopt(curl, CURLOPT_URL, url);
		status = easy_fetch(curl, &answer, errbuf);
		free(url);
		url = NULL;
		if (status < 0)
			fprintf(stderr, "%s: %s\n", NAME, errbuf);
		else if (status >= 400)
			fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
		failed = (status < 0 || status >= 400 ||
			  parse_page(&answer, out, pages == 0, &url) != 0);
	}
	free(url);
	buf_free(&answer);
	return (failed);
}

/**
 * search_people - fetch every page of results and print them
 * @curl: a handle made by easy_open()
 * @search: what to look for
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int search_people(CURL *curl, const char *search, char *errbuf)
{
	char *url = search_url(curl, search);
	struct buf out;
	int failed = 1;

	if (url == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
		return (1);
	}
	buf_init(&out);
	if (fetch_pages(curl, url, &out, errbuf) == 0)
	{
		/* Printed only now that every page arrived. */
		buf_print(&out, stdout);
		failed = out_flush(NAME);
	}
	buf_free(&out);
	return (failed);
}

/**
 * main - search the Star Wars API for SEARCH, every page
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is what to search for
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
		fprintf(stderr, "Usage: ./%s SEARCH\n", NAME);
		return (2);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	if (curl == NULL)
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
	else
	{
		failed = search_people(curl, argv[1], errbuf);
		curl_easy_cleanup(curl);
	}
	curl_global_cleanup();
	return (failed);
}
