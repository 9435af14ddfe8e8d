/*
 * 8-json_api - search a user by the first letter of their name
 *
 * Usage: ./8-json_api [LETTER]
 *
 *   $ ./8-json_api g
 *   [7] Grace Hopper
 *   $ ./8-json_api z
 *   No result
 *
 * POSTs the form "q=<LETTER>" ("q=" without a letter) to SEARCH_USER_URL
 * (when unset or empty: http://0.0.0.0:5000/search_user) and reads the
 * JSON answer with cJSON: an object with an "id" and a "name" is printed
 * as "[<id>] <name>", an empty object as "No result". Anything else,
 * JSON or not, prints "Not a valid JSON" and exits 1.
 *
 * What it teaches: parsing JSON with a real parser and checking every
 * field's type before using it: the server is not to be trusted.
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

#define NAME "8-json_api"
#define DEFAULT_URL "http://0.0.0.0:5000/search_user"

/**
 * print_user - print the search result held in @answer
 * @answer: the response body
 *
 * Return: 0 if it was a search result, 1 if not (then "Not a valid JSON"
 * has been printed).
 */
static int print_user(const struct buf *answer)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	cJSON *id = cJSON_GetObjectItemCaseSensitive(json, "id");
	cJSON *name = cJSON_GetObjectItemCaseSensitive(json, "name");
	int failed = 0;

	if (cJSON_IsObject(json) && json->child == NULL)
		printf("No result\n");
	else if (cJSON_IsObject(json) && cJSON_IsNumber(id) &&
		 id->valuedouble == (double)(long)id->valuedouble &&
		 cJSON_IsString(name))
		printf("[%ld] %s\n", (long)id->valuedouble, name->valuestring);
	else
	{
		printf("Not a valid JSON\n");
		failed = 1;
	}
	cJSON_Delete(json);
	return (failed);
}

/**
 * search - POST q=@letter to the search URL and keep the answer
 * @curl: a handle made by easy_open()
 * @letter: what to search for
 * @answer: where the response body goes
 * @errbuf: the handle's error buffer
 *
 * Return: 0 if a response with a status below 400 arrived, 1 otherwise.
 */
static int search(CURL *curl, const char *letter, struct buf *answer,
		  char *errbuf)
{
	const char *url = easy_env_url("SEARCH_USER_URL", DEFAULT_URL);
	char *q = curl_easy_escape(curl, letter, 0);
	char *form = q ? malloc(strlen(q) + 3) : NULL;
	long status = -1;

	if (form != NULL)
	{
		sprintf(form, "q=%s", q);
		curl_easy_setopt(curl, CURLOPT_URL, url);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
		status = easy_fetch(curl, answer, errbuf);
		if (status < 0)
			fprintf(stderr, "%s: %s\n", NAME, errbuf);
		else if (status >= 400)
			fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
	}
	else
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
	}
	curl_free(q);
	free(form);
	return (status < 0 || status >= 400);
}

/**
 * main - search a user and print what the server found
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional letter
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char errbuf[CURL_ERROR_SIZE];
	struct buf answer;
	CURL *curl;
	int failed = 1;

	if (argc > 2)
	{
		fprintf(stderr, "Usage: ./%s [LETTER]\n", NAME);
		return (2);
	}
	buf_init(&answer);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	if (curl == NULL)
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
	else
	{
		failed = search(curl, argc == 2 ? argv[1] : "", &answer, errbuf);
		curl_easy_cleanup(curl);
	}
	curl_global_cleanup();
	if (!failed)
	{
		failed = print_user(&answer);
		failed |= out_flush(NAME);
	}
	buf_free(&answer);
	return (failed);
}
