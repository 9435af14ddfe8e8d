/*
 * easy.c - the libcurl options every client exercise sets the same way.
 *
 * Given plumbing: the libcurl options every client sets the same way, and
 * the checks libcurl 7.88 leaves out. Used by 0-3, 8-10 and 100-102.
 *
 * The exercises set what their lesson is about (the URL, what to do with
 * the body, the POST data); this file sets the safety options that a
 * careful program always sets, so that each exercise stays short.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../buf.h"
#include "easy.h"
#include "../timeout.h"

/**
 * set_defaults - set the options shared by every exercise on @curl
 * @curl: a fresh easy handle
 * @name: the program's name, sent as its User-Agent
 * @errbuf: CURL_ERROR_SIZE bytes where libcurl explains failures
 * @total_ms: total time limit in milliseconds
 *
 * Return: 0, or non-zero if libcurl refused an option (each CURLcode is
 * non-zero on failure, so OR-ing them together keeps any failure).
 */
static int set_defaults(CURL *curl, const char *name, char *errbuf,
			     long total_ms)
{
	char agent[128];
	const char *ca_file = getenv("SSL_CERT_FILE");
	int rc = 0;

	sprintf(agent, "%.100s/1.0", name);
	/* Errors in more detail than curl_easy_strerror() can give. */
	rc |= curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	rc |= curl_easy_setopt(curl, CURLOPT_USERAGENT, agent);
	/* Never hang: bound connecting and the whole transfer. */
	rc |= curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total_ms);
	rc |= curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
			       timeout_connect_ms(total_ms));
	/* Follow redirects like a browser, but not forever. */
	rc |= curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	rc |= curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
	/* Refuse at once a body announced larger than we would keep. */
	rc |= curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
			       (curl_off_t)BUF_MAX_SIZE);
	/* Speak HTTP only: no file://, ftp:// ... not even through a redirect. */
	rc |= curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	rc |= curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	/* libcurl reads no environment itself: honour the usual CA variable. */
	if (ca_file != NULL && *ca_file != '\0')
		rc |= curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
	/* Timeouts must not use signals: that is unsafe in a library. */
	rc |= curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	return (rc);
}

/**
 * easy_open - create an easy handle with the suite's common options
 * @name: the program's name, for messages and the User-Agent
 * @errbuf: CURL_ERROR_SIZE bytes that must live as long as the handle
 *
 * On failure the reason has been printed on stderr as "NAME: reason".
 *
 * Return: the handle (free it with curl_easy_cleanup()), or NULL.
 */
CURL *easy_open(const char *name, char *errbuf)
{
	long total_ms = timeout_total_ms();
	CURL *curl;

	errbuf[0] = '\0';
	if (total_ms < 0)
	{
		fprintf(stderr, "%s: NET_TIMEOUT must be a number of seconds\n",
			name);
		return (NULL);
	}
	curl = curl_easy_init();
	if (curl == NULL)
	{
		fprintf(stderr, "%s: cannot start libcurl\n", name);
		return (NULL);
	}
	if (set_defaults(curl, name, errbuf, total_ms) != 0)
	{
		fprintf(stderr, "%s: this libcurl is too old\n", name);
		curl_easy_cleanup(curl);
		return (NULL);
	}
	return (curl);
}

/**
 * easy_report - print why a transfer failed, on one line
 * @name: the program's name
 * @rc: what curl_easy_perform() returned
 * @errbuf: the handle's CURLOPT_ERRORBUFFER
 *
 * Prints curl_easy_strerror()'s text, followed by the more precise
 * message from @errbuf when libcurl wrote one (cut at any line break, so
 * the report stays on one line).
 */
void easy_report(const char *name, CURLcode rc, const char *errbuf)
{
	const char *what = curl_easy_strerror(rc);
	int len = (int)strcspn(errbuf, "\r\n");

	if (len > 0 && (strncmp(errbuf, what, len) != 0 || what[len] != '\0'))
		fprintf(stderr, "%s: %s (%.*s)\n", name, what, len, errbuf);
	else
		fprintf(stderr, "%s: %s\n", name, what);
}

/**
 * on_header - note whether the last header block came to its end
 * @line: one header line (or status line) as received
 * @size: always 1
 * @n: its length
 * @ended: set to 1 by the empty line that ends a block, 0 by a status line
 *
 * Return: @n, to go on.
 */
static size_t on_header(char *line, size_t size, size_t n, void *ended)
{
	(void)size;
	if (n >= 5 && strncmp(line, "HTTP/", 5) == 0)
		*(int *)ended = 0;
	else if ((n == 2 && line[0] == '\r') || (n == 1 && line[0] == '\n'))
		*(int *)ended = 1;
	return (n);
}

/**
 * easy_perform - curl_easy_perform(), plus the checks libcurl leaves out
 * @curl: a handle from easy_open(), ready to go
 * @name: the program's name, for messages
 * @errbuf: the handle's error buffer
 *
 * libcurl 7.88 accepts a response whose connection closed in the middle
 * of its headers (as if it were complete, with an empty body), and a
 * redirect without a Location header (as a final answer). Both are broken
 * responses: they are reported as failures here.
 *
 * Return: 0 on success, 1 on failure (the reason has been printed).
 */
int easy_perform(CURL *curl, const char *name, const char *errbuf)
{
	CURLcode rc;
	long status = 0;
	char *location = NULL;
	int ended = 0;

	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &ended);
	rc = curl_easy_perform(curl);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, NULL);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, NULL);
	if (rc != CURLE_OK)
	{
		easy_report(name, rc, errbuf);
		return (1);
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
	if (!ended)
		fprintf(stderr, "%s: the response ended in its headers\n", name);
	else if ((status == 301 || status == 302 || status == 303 ||
		  status == 307 || status == 308) && location == NULL)
		fprintf(stderr, "%s: a %ld redirect without a Location header\n",
			name, status);
	else
		return (0);
	return (1);
}

/**
 * easy_fetch - perform the request set up on @curl, keeping the body
 * @curl: a handle from easy_open(), with its URL (and method) set
 * @name: the program's name, for messages
 * @errbuf: the handle's error buffer
 * @body: emptied, then filled with the response body
 *
 * For the exercises whose lesson comes after the transfer (JSON ones):
 * the same handle can fetch again, reusing its connection.
 *
 * Return: the HTTP status, or -1 when no response arrived (the reason has
 * been printed on stderr).
 */
long easy_fetch(CURL *curl, const char *name, const char *errbuf,
		struct buf *body)
{
	long status = -1;

	buf_free(body);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	if (easy_perform(curl, name, errbuf) != 0)
		return (-1);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	return (status);
}

/**
 * easy_env_url - the URL in environment variable @env, or @fallback
 * @env: the variable's name, such as "SWAPI_URL"
 * @fallback: the real service's URL, used when @env is unset or empty
 *
 * Return: one of the two strings (not a copy).
 */
const char *easy_env_url(const char *env, const char *fallback)
{
	const char *url = getenv(env);

	return (url == NULL || *url == '\0' ? fallback : url);
}

/**
 * easy_api_url - the base URL of an API followed by @path
 * @env: the environment variable that may hold the base URL
 * @fallback: the base URL when @env is not set
 * @path: what to add, starting with '/'
 *
 * Return: a new string (free() it), or NULL when out of memory.
 */
char *easy_api_url(const char *env, const char *fallback, const char *path)
{
	const char *base = easy_env_url(env, fallback);
	size_t len = strlen(base);
	char *url;

	/* "http://host/api/" + "/people" must not give "//people". */
	while (len > 0 && base[len - 1] == '/')
		len--;
	url = malloc(len + strlen(path) + 1);
	if (url != NULL)
		sprintf(url, "%.*s%s", (int)len, base, path);
	return (url);
}
