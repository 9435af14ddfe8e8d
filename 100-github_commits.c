/*
 * 100-github_commits - list the 10 latest commits of a GitHub repository
 *
 * Usage: ./100-github_commits REPO OWNER
 *
 *   $ ./100-github_commits rails rails
 *   5c6bbfe0...: Jean Boussier
 *   ...
 *
 * GETs GITHUB_API_URL/repos/OWNER/REPO/commits?per_page=10 (default
 * https://api.github.com) and prints "<sha>: <author name>" for each
 * commit, newest first, where the name is the commit's git author
 * (commit.author.name). Owner and repository names are percent-encoded
 * in the path. A repository that does not exist (404), is empty (409) or
 * a rate limit (403 or 429 with X-RateLimit-Remaining: 0) is reported on
 * stderr, with the time the limit resets.
 *
 * What it teaches: walking a JSON array of nested objects with cJSON,
 * asking the API for no more than we need, reading headers that explain
 * an error.
 *
 * Exit status: 0 on success, 1 on failure, 2 on wrong arguments.
 * NET_TIMEOUT and SSL_CERT_FILE as in 0-hbtn_status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <cJSON.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/out.h"

#define NAME "100-github_commits"
#define DEFAULT_API "https://api.github.com"
#define COMMITS 10

/**
 * commits_url - the API URL of the latest commits of @owner/@repo
 * @curl: the handle (curl_easy_escape() needs one)
 * @owner: the account that owns the repository
 * @repo: the repository's name
 *
 * Return: a new string (free() it), or NULL when out of memory.
 */
static char *commits_url(CURL *curl, const char *owner, const char *repo)
{
	/* Escaped, "a/b" or "x y" cannot change which path is asked for. */
	char *o = curl_easy_escape(curl, owner, 0);
	char *r = curl_easy_escape(curl, repo, 0);
	char *path = NULL, *url = NULL;

	if (o != NULL && r != NULL)
		path = malloc(strlen(o) + strlen(r) + 64);
	if (path != NULL)
	{
		sprintf(path, "/repos/%s/%s/commits?per_page=%d", o, r, COMMITS);
		url = easy_api_url("GITHUB_API_URL", DEFAULT_API, path);
	}
	curl_free(o);
	curl_free(r);
	free(path);
	return (url);
}

/**
 * report_rate_limit - explain a rate limit, if that is what @curl got
 * @curl: the handle after the transfer
 *
 * Return: 1 if the answer was a rate limit (and it has been reported).
 */
static int report_rate_limit(CURL *curl)
{
	struct curl_header *left, *reset;
	char when[64] = "later";
	time_t t;

	if (curl_easy_header(curl, "X-RateLimit-Remaining", 0, CURLH_HEADER,
			     -1, &left) != CURLHE_OK || strcmp(left->value, "0"))
		return (0);
	if (curl_easy_header(curl, "X-RateLimit-Reset", 0, CURLH_HEADER, -1,
			     &reset) == CURLHE_OK)
	{
		t = (time_t)strtol(reset->value, NULL, 10);
		strftime(when, sizeof(when), "at %Y-%m-%d %H:%M:%S UTC",
			 gmtime(&t));
	}
	fprintf(stderr, "%s: rate limited by the API; it resets %s\n", NAME,
		when);
	return (1);
}

/**
 * report_http_error - say why the API refused
 * @curl: the handle after the transfer
 * @status: the HTTP status
 * @owner: the account that owns the repository
 * @repo: the repository's name
 */
static void report_http_error(CURL *curl, long status, const char *owner,
			      const char *repo)
{
	if ((status == 403 || status == 429) && report_rate_limit(curl))
		return;
	if (status == 404)
		fprintf(stderr, "%s: repository %s/%s not found\n", NAME, owner,
			repo);
	else if (status == 409)
		fprintf(stderr, "%s: repository %s/%s is empty\n", NAME, owner,
			repo);
	else
		fprintf(stderr, "%s: HTTP error %ld\n", NAME, status);
}

/**
 * list_commits - append "<sha>: <author>" lines for @json to @out
 * @json: the parsed answer: an array of commits
 * @out: where the lines go
 *
 * Return: 0 on success, 1 if the JSON is not what GitHub sends.
 */
static int list_commits(const cJSON *json, struct buf *out)
{
	const cJSON *commit;
	cJSON *sha, *author, *name;
	int n = 0;

	if (!cJSON_IsArray(json))
		return (1);
	cJSON_ArrayForEach(commit, json)
	{
		if (n++ == COMMITS)
			break;
		sha = cJSON_GetObjectItemCaseSensitive(commit, "sha");
		author = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(commit, "commit"),
			"author");
		name = cJSON_GetObjectItemCaseSensitive(author, "name");
		if (!cJSON_IsString(sha) || !cJSON_IsString(name) ||
		    buf_printf(out, "%s: %s\n", sha->valuestring,
			       name->valuestring) != 0)
			return (1);
	}
	return (0);
}

/**
 * parse_commits - turn GitHub's answer into the lines to print
 * @answer: the response body
 * @out: where the lines go
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int parse_commits(const struct buf *answer, struct buf *out)
{
	cJSON *json = cJSON_ParseWithLength(answer->data, answer->len);
	int failed = 1;

	if (json == NULL)
		fprintf(stderr, "%s: the answer is not valid JSON\n", NAME);
	else if (list_commits(json, out) != 0)
		fprintf(stderr, "%s: unexpected JSON: not a list of commits\n",
			NAME);
	else
		failed = 0;
	cJSON_Delete(json);
	return (failed);
}

/**
 * print_commits - fetch and print the latest commits of @owner/@repo
 * @curl: a handle made by easy_open()
 * @owner: the account that owns the repository
 * @repo: the repository's name
 * @errbuf: the handle's error buffer
 *
 * Return: 0 on success, 1 on failure (the reason is on stderr).
 */
static int print_commits(CURL *curl, const char *owner, const char *repo,
			 char *errbuf)
{
	char *url = commits_url(curl, owner, repo);
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
		report_http_error(curl, status, owner, repo);
	else if (status >= 0 && parse_commits(&answer, &out) == 0)
	{
		/* Printed only now that every line is known to be good. */
		buf_print(&out, stdout);
		failed = out_flush(NAME);
	}
	buf_free(&answer);
	buf_free(&out);
	return (failed);
}

/**
 * main - print the 10 latest commits of OWNER/REPO
 * @argc: number of arguments
 * @argv: the arguments: REPO, then OWNER
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *headers = NULL;
	CURL *curl;
	int failed = 1;

	if (argc != 3)
	{
		fprintf(stderr, "Usage: ./%s REPO OWNER\n", NAME);
		return (2);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = easy_open(NAME, errbuf);
	headers = curl_slist_append(headers,
				    "Accept: application/vnd.github+json");
	headers = curl_slist_append(headers, "X-GitHub-Api-Version: 2022-11-28");
	if (curl == NULL)
		fprintf(stderr, "%s: %s\n", NAME, errbuf);
	else if (headers == NULL)
		fprintf(stderr, "%s: out of memory\n", NAME);
	else
	{
		curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
		failed = print_commits(curl, argv[2], argv[1], errbuf);
	}
	curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	curl_global_cleanup();
	return (failed);
}
