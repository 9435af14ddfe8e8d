/*
 * 10-my_github - print your GitHub account id, using your credentials
 *
 * Usage: ./10-my_github USERNAME TOKEN
 *
 *   $ ./10-my_github octocat ghp_...
 *   583231
 *
 * GETs GITHUB_API_URL/user (default https://api.github.com, the variable
 * GitHub's own tools read) with HTTP Basic authentication, USERNAME and a
 * personal access token as the password, and prints the "id" of the JSON
 * answer. Wrong credentials (401): GitHub's message on stderr, exit 1.
 *
 * What it teaches: authentication and custom request headers with
 * libcurl (GitHub asks for Accept, X-GitHub-Api-Version and a User-Agent).
 *
 * Exit status: 0 on success, 1 on failure, 2 on wrong arguments.
 * NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <curl/curl.h>
#include <cJSON.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "10-my_github"
#define DEFAULT_API "https://api.github.com"

/**
 * report_http_error - say why GitHub refused, with its own message
 * @status: the HTTP status
 * @json: the parsed answer (may be NULL)
 */
static void report_http_error(long status, const cJSON *json)
{
	cJSON *message = cJSON_GetObjectItemCaseSensitive(json, "message");

	if (cJSON_IsString(message))
		fprintf(stderr, "%s: %s (HTTP %ld)\n", NAME, message->valuestring,
			status);
	else
		fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
}

/**
 * print_id - print the account id from GitHub's answer
 * @status: the HTTP status
 * @answer: the response body
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int print_id(long status, const struct buf *answer)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	cJSON *id = cJSON_GetObjectItemCaseSensitive(json, "id");
	int failed = 1;

	if (status >= 400)
		report_http_error(status, json);
	else if (json == NULL)
		fprintf(stderr, "%s: the answer is not valid JSON\n", NAME);
	else if (!cJSON_IsNumber(id) ||
		 id->valuedouble != (double)(long)id->valuedouble)
		fprintf(stderr, "%s: unexpected JSON: no numeric id\n", NAME);
	else
		failed = (printf("%ld\n", (long)id->valuedouble) < 0);
	cJSON_Delete(json);
	return (failed);
}

/**
 * ask_github - GET /user as USERNAME, and print the id
 * @curl: a handle made by easy_open()
 * @user: the GitHub login
 * @token: a personal access token (or the password)
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure.
 */
static int ask_github(CURL *curl, const char *user, const char *token,
		      char *errbuf)
{
	char *url = easy_api_url("GITHUB_API_URL", DEFAULT_API, "/user");
	struct curl_slist *headers = NULL;
	struct buf answer;
	long status = -1;
	int failed;

	buf_init(&answer);
	headers = curl_slist_append(headers,
				    "Accept: application/vnd.github+json");
	headers = curl_slist_append(headers, "X-GitHub-Api-Version: 2022-11-28");
	if (url == NULL || headers == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", NAME);
	}
	else
	{
		curl_easy_setopt(curl, CURLOPT_URL, url);
		curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
		/* Basic authentication: the token goes where a password would. */
		curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(curl, CURLOPT_USERNAME, user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, token);
		status = easy_fetch(curl, &answer, errbuf);
		if (status < 0)
			fprintf(stderr, "%s: %s\n", NAME, errbuf);
	}
	curl_slist_free_all(headers);
	free(url);
	failed = (status < 0 || print_id(status, &answer));
	buf_free(&answer);
	return (failed || out_flush(NAME));
}

/**
 * main - print the id of the GitHub account USERNAME
 * @argc: number of arguments
 * @argv: the arguments: USERNAME and TOKEN
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char errbuf[CURL_ERROR_SIZE];
	CURL *curl;
	int failed = 1;

	if (argc != 3)
	{
		fprintf(stderr, "Usage: ./%s USERNAME TOKEN\n", NAME);
		return (2);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	if (curl == NULL)
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
	else
	{
		failed = ask_github(curl, argv[1], argv[2], errbuf);
		curl_easy_cleanup(curl);
	}
	curl_global_cleanup();
	return (failed);
}
