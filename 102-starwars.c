/*
 * 102-starwars - search the Star Wars API for people and their films
 *
 * Usage: ./102-starwars SEARCH
 *
 *   $ ./102-starwars sky
 *   Number of results: 2
 *   Luke Skywalker
 *   	A New Hope
 *   	The Empire Strikes Back
 *   ...
 *
 * As 101-starwars (every page), and under each person one tab-indented
 * line per film, whose title is fetched from the film's URL.
 *
 * What it teaches: not asking twice. Each film is fetched once per run
 * and its title kept in a small cache (lib/curl/films.c, written here),
 * and every request goes through one easy handle, so libcurl reuses one
 * connection to the server.
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
#include "lib/curl/films.h"
#include "lib/out.h"

#define NAME "102-starwars"
#define DEFAULT_API "https://swapi.dev/api"
/* A server whose "next" never ends cannot keep us here forever. */
#define MAX_PAGES 100

/**
 * fail - report a failure on stderr
 * @why: the reason
 *
 * Each failure is reported where it is found, so there is exactly one
 * line on stderr however deep it happened.
 *
 * Return: 1, for "return (fail(...));".
 */
static int fail(const char *why)
{
	fprintf(stderr, "%s: %s\n", NAME, why);
	return (1);
}

/**
 * list_films - append one tab-indented line per film of @person to @out
 * @s: the handle, and the films fetched so far
 * @person: one person from the results
 * @out: where the lines go
 *
 * Return: 0 on success, 1 on failure.
 */
static int list_films(struct film_cache *s, const cJSON *person,
		      struct buf *out)
{
	cJSON *films = cJSON_GetObjectItemCaseSensitive(person, "films");
	const cJSON *url;
	const char *title;

	if (!cJSON_IsArray(films))
		return (fail("unexpected JSON from the API"));
	cJSON_ArrayForEach(url, films)
	{
		if (!cJSON_IsString(url))
			return (fail("unexpected JSON from the API"));
		title = film_title(s, url->valuestring);
		if (title == NULL)
			return (fail(s->errbuf));
		if (buf_printf(out, "\t%s\n", title) != 0)
			return (fail("out of memory"));
	}
	return (0);
}

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
 * list_people - append the people on @page to @out, and the count first
 * @s: the handle, and the films fetched so far
 * @page: one parsed page of search results
 * @out: where the lines go
 * @first: whether this is the first page (the one that prints the count)
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int list_people(struct film_cache *s, const cJSON *page, struct buf *out,
		       int first)
{
	cJSON *count = cJSON_GetObjectItemCaseSensitive(page, "count");
	cJSON *results = cJSON_GetObjectItemCaseSensitive(page, "results");
	const cJSON *person;
	cJSON *name;

	if (!cJSON_IsNumber(count) || !cJSON_IsArray(results))
		return (fail("unexpected JSON from the API"));
	if (first &&
	    buf_printf(out, "Number of results: %d\n", count->valueint) != 0)
		return (fail("out of memory"));
	cJSON_ArrayForEach(person, results)
	{
		name = cJSON_GetObjectItemCaseSensitive(person, "name");
		if (!cJSON_IsString(name))
			return (fail("unexpected JSON from the API"));
		if (buf_printf(out, "%s\n", name->valuestring) != 0)
			return (fail("out of memory"));
		if (list_films(s, person, out) != 0)
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
 * @s: the handle, and the films fetched so far
 * @answer: the response body
 * @out: where the lines go
 * @first: whether this is the first page
 * @next: set to the next page's URL (free() it), or NULL
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int parse_page(struct film_cache *s, const struct buf *answer,
		      struct buf *out, int first, char **next)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	int failed = 0;

	*next = NULL;
	if (json == NULL)
		failed = fail("the answer is not valid JSON");
	else if (list_people(s, json, out, first) != 0)
		failed = 1;
	else if (next_url(json, next) != 0)
		failed = fail("unexpected JSON from the API");
	cJSON_Delete(json);
	return (failed);
}

/**
 * fetch_pages - fetch every page of results from @url on, into @out
 * @s: the handle, and the films fetched so far
 * @url: the first page's URL (freed here)
 * @out: where the lines go
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int fetch_pages(struct film_cache *s, char *url, struct buf *out)
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
		curl_easy_setopt(s->curl, CURLOPT_URL, url);
		status = easy_fetch(s->curl, &answer, s->errbuf);
		free(url);
		url = NULL;
		if (status < 0)
			fprintf(stderr, "%s: %s\n", NAME, s->errbuf);
		else if (status >= 400)
			fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
		failed = (status < 0 || status >= 400 ||
			  parse_page(s, &answer, out, pages == 0, &url) != 0);
	}
	free(url);
	buf_free(&answer);
	return (failed);
}

/**
 * search_people - fetch every page of results, and films, and print them
 * @curl: a handle made by easy_open()
 * @search: what to look for
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int search_people(CURL *curl, const char *search, char *errbuf)
{
	char *url = search_url(curl, search);
	struct film_cache s;
	struct buf out;
	int failed = 1;

	if (url == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
		return (1);
	}
	s.curl = curl;
	s.errbuf = errbuf;
	s.films = NULL;
	buf_init(&out);
	if (fetch_pages(&s, url, &out) == 0)
	{
		/* Printed only now that every page arrived. */
		buf_print(&out, stdout);
		failed = out_flush(NAME);
	}
	film_cache_free(&s);
	buf_free(&out);
	return (failed);
}

/**
 * main - search the Star Wars API for SEARCH, with films
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
