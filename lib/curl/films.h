#ifndef LIB_CURL_FILMS_H
#define LIB_CURL_FILMS_H

/* Written in exercise 102 (lib/curl/films.c): the cache of film titles. */

#include <curl/curl.h>

/**
 * struct film - a film already fetched, in the cache
 * @url: the film's URL, as the API gives it
 * @title: its title
 * @next: the next film in the cache
 */
struct film
{
	char *url;
	char *title;
	struct film *next;
};

/**
 * struct film_cache - the films one run has fetched, and how to fetch more
 * @curl: the one handle every request goes through (easy_open())
 * @errbuf: its error buffer, where a failure's reason goes
 * @films: the films fetched so far, most recent first
 */
struct film_cache
{
	CURL *curl;
	char *errbuf;
	struct film *films;
};

const char *film_title(struct film_cache *cache, const char *url);
void film_cache_free(struct film_cache *cache);

#endif /* LIB_CURL_FILMS_H */
