/*
 * films.c - the title of a film, fetched once per run
 *
 * Written in exercise 102, used by 102 only. A person lists their films
 * by URL, and the same films come back under person after person: each is
 * fetched the first time only, its title kept in a list, and every request
 * goes through the one easy handle, so libcurl reuses one connection to
 * the server.
 *
 * Nothing here prints: a failure is returned, with its reason in the
 * cache's error buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/curl/films.h"

/**
 * copy_string - a copy of @s in new memory (free() it)
 * @s: the string
 *
 * Return: the copy, or NULL when out of memory.
 */
static char *copy_string(const char *s)
{
	char *copy = malloc(strlen(s) + 1);

	if (copy != NULL)
		strcpy(copy, s);
	return (copy);
}

/**
 * title_of - the "title" of the film in @answer
 * @answer: the body of a 2xx answer
 * @errbuf: where the reason goes
 *
 * Return: the title in new memory (free() it), or NULL with the reason in
 * @errbuf.
 */
static char *title_of(const struct buf *answer, char *errbuf)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	cJSON *title = cJSON_GetObjectItemCaseSensitive(json, "title");
	char *copy = NULL;

	if (json == NULL)
		strcpy(errbuf, "the answer is not valid JSON");
	else if (!cJSON_IsString(title))
		strcpy(errbuf, "unexpected JSON from the API");
	else if ((copy = copy_string(title->valuestring)) == NULL)
		strcpy(errbuf, "out of memory");
	cJSON_Delete(json);
	return (copy);
}

/**
 * fetch_title - fetch the film at @url and return its title
 * @cache: the cache, for its handle and error buffer
 * @url: the film's URL
 *
 * Return: the title in new memory (free() it), or NULL with the reason in
 * the cache's error buffer.
 */
static char *fetch_title(struct film_cache *cache, const char *url)
{
	struct buf answer;
	char *title = NULL;
	long status;

	buf_init(&answer);
	curl_easy_setopt(cache->curl, CURLOPT_URL, url);
	status = easy_fetch(cache->curl, &answer, cache->errbuf);
	if (status >= 400)
		sprintf(cache->errbuf, "HTTP error %ld", status);
	else if (status >= 0)
		title = title_of(&answer, cache->errbuf);
	buf_free(&answer);
	return (title);
}

/**
 * film_title - the title of the film at @url, from the cache if it is there
 * @cache: the cache
 * @url: the film's URL
 *
 * Return: the title (owned by the cache), or NULL with the reason in the
 * cache's error buffer.
 */
const char *film_title(struct film_cache *cache, const char *url)
{
	struct film *film;

	for (film = cache->films; film != NULL; film = film->next)
		if (strcmp(film->url, url) == 0)
			return (film->title);
	film = malloc(sizeof(*film));
	if (film == NULL || (film->url = copy_string(url)) == NULL)
	{
		free(film);
		strcpy(cache->errbuf, "out of memory");
		return (NULL);
	}
	film->title = fetch_title(cache, url);
	if (film->title == NULL)
	{
		free(film->url);
		free(film);
		return (NULL);
	}
	film->next = cache->films;
	cache->films = film;
	return (film->title);
}

/**
 * film_cache_free - empty the cache
 * @cache: the cache (its handle is the caller's)
 */
void film_cache_free(struct film_cache *cache)
{
	struct film *next;

	while (cache->films != NULL)
	{
		next = cache->films->next;
		free(cache->films->url);
		free(cache->films->title);
		free(cache->films);
		cache->films = next;
	}
}
