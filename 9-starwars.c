/*
 * 9-starwars - search the Star Wars API for people by name
 *
 * Usage: ./9-starwars SEARCH
 *
 *   $ ./9-starwars sky
 *   Number of results: 2
 *   Luke Skywalker
 *   Anakin Skywalker
 *
 * GETs SWAPI_URL/people/?search=SEARCH (default https://swapi.dev/api),
 * prints the "count" of the answer and the "name" of each person in its
 * "results": the first page only (see 101-starwars for the others).
 *
 * What it teaches: building a query string safely (SEARCH is
 * percent-encoded), reading numbers, arrays and strings with cJSON.
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

#define NAME "9-starwars"
#define DEFAULT_API "https://swapi.dev/api"

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
 * list_people - append the count and the names on @page to @out
 * @page: one parsed page of search results
 * @out: where the lines go
 *
 * Return: 0 on success, 1 if @page is not what the API sends.
 */
static int list_people(const cJSON *page, struct buf *out)
{
	cJSON *count = cJSON_GetObjectItemCaseSensitive(page, "count");
	cJSON *results = cJSON_GetObjectItemCaseSensitive(page, "results");
	const cJSON *person;
	cJSON *name;

	if (!cJSON_IsNumber(count) || !cJSON_IsArray(results) ||
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
 * parse_page - turn the API's answer into the lines to print
 * @answer: the response body
 * @out: where the lines go
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int parse_page(const struct buf *answer, struct buf *out)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	int failed = 1;

	if (json == NULL)
		fprintf(stderr, "%s: the answer is not valid JSON\n", NAME);
	else if (list_people(json, out) != 0)
		fprintf(stderr, "%s: unexpected JSON from the API\n", NAME);
	else
		failed = 0;
	cJSON_Delete(json);
	return (failed);
}

/**
 * search_people - fetch the first page of results and print it
 * @curl: a handle made by easy_open()
 * @search: what to look for
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int search_people(CURL *curl, const char *search, char *errbuf)
{
	char *url = search_url(curl, search);
	struct buf answer, out;
	long status;
	int failed = 1;

	if (url == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
		return (1);
	}
	buf_init(&answer);
	buf_init(&out);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	status = easy_fetch(curl, &answer, errbuf);
	free(url);
	if (status < 0)
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
	else if (status >= 400)
		fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
	else if (status >= 0 && parse_page(&answer, &out) == 0)
	{
		buf_print(&out, stdout);
		failed = out_flush(NAME);
	}
	buf_free(&answer);
	buf_free(&out);
	return (failed);
}

/**
 * main - search the Star Wars API for SEARCH
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
