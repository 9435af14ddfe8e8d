/*
 * easy.c - the libcurl options every client exercise sets the same way,
 * and the checks libcurl 7.88 leaves out.
 *
 * Given plumbing: no exercise teaches it. Used by 0-3, 8-10 and 100-102.
 *
 * Exercises 0-3 write the whole libcurl skeleton themselves (global init,
 * easy init, the options their lesson is about, perform, the report of a
 * failure, clean up) and call easy_defaults() for the safety options that
 * a careful program always sets (time limits, protocols, a cap on the
 * body, the CA bundle) and easy_check() after a transfer. The JSON
 * exercises, whose lesson starts once the body has arrived, fetch with
 * easy_open() and easy_fetch().
 *
 * Nothing here prints: a failure is returned, with its reason in the
 * caller's error buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/curl/easy.h"
#include "lib/timeout.h"

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

/* What easy_check() says of a response cut in its head. */
#define CUT_HEAD "the response ended in its headers"

/**
 * on_header - keep in the error buffer whether the head came to its end
 * @line: one header line (or status line) as received
 * @size: always 1
 * @n: its length
 * @errbuf: the handle's error buffer (CURLOPT_HEADERDATA)
 *
 * The state lives with the handle, in the buffer it would be reported in:
 * a status line writes CUT_HEAD there, the empty line that ends the head
 * takes it back. After a transfer libcurl called a success, the buffer
 * holds CUT_HEAD exactly when the last head never ended.
 *
 * Return: @n, to go on.
 */
static size_t on_header(char *line, size_t size, size_t n, void *errbuf)
{
	(void)size;
	if (n >= 5 && strncmp(line, "HTTP/", 5) == 0)
		strcpy(errbuf, CUT_HEAD);
	else if ((n == 2 && line[0] == '\r') || (n == 1 && line[0] == '\n'))
		((char *)errbuf)[0] = '\0';
	return (n);
}

/**
 * easy_defaults - set the safety options every client shares on @curl
 * @curl: a handle from curl_easy_init()
 * @name: the program's name, sent as its User-Agent
 * @errbuf: CURL_ERROR_SIZE bytes that must live as long as the handle:
 *          libcurl explains its failures there
 *
 * Return: 0, or -1 with the reason in @errbuf (NET_TIMEOUT is not a
 * number of seconds, or this libcurl is too old for an option).
 */
int easy_defaults(CURL *curl, const char *name, char *errbuf)
{
	long total_ms = timeout_total_ms();

	errbuf[0] = '\0';
	if (total_ms < 0)
	{
		strcpy(errbuf, "NET_TIMEOUT must be a number of seconds");
		return (-1);
	}
	if (set_defaults(curl, name, errbuf, total_ms) != 0 ||
	    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header) != 0 ||
	    curl_easy_setopt(curl, CURLOPT_HEADERDATA, errbuf) != 0)
	{
		strcpy(errbuf, "this libcurl is too old");
		return (-1);
	}
	return (0);
}

/**
 * easy_open - curl_easy_init() and easy_defaults(), for the exercises
 * whose lesson comes after the transfer (the JSON ones)
 * @name: the program's name, for the User-Agent
 * @errbuf: CURL_ERROR_SIZE bytes that must live as long as the handle
 *
 * Return: the handle (free it with curl_easy_cleanup()), or NULL with the
 * reason in @errbuf.
 */
CURL *easy_open(const char *name, char *errbuf)
{
	CURL *curl = curl_easy_init();

	if (curl == NULL)
	{
		strcpy(errbuf, "cannot start libcurl");
		return (NULL);
	}
	if (easy_defaults(curl, name, errbuf) != 0)
	{
		curl_easy_cleanup(curl);
		return (NULL);
	}
	/* Follow redirects like a browser, but not forever (0-3 set these
	 * two on their own page: the JSON exercises' lesson comes later).
	 */
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
	return (curl);
}

/**
 * easy_detail - libcurl's details of a failure, to print after
 * curl_easy_strerror()'s text
 * @rc: what curl_easy_perform() returned
 * @errbuf: the handle's CURLOPT_ERRORBUFFER, rewritten in place
 *
 * libcurl's error buffer often says more than curl_easy_strerror() ("Could
 * not resolve host: example.invalid"), sometimes the same, sometimes over
 * several lines.
 *
 * Return: @errbuf, now " (details)" cut at any line break, or "" when it
 * adds nothing.
 */
const char *easy_detail(CURLcode rc, char *errbuf)
{
	const char *what = curl_easy_strerror(rc);
	int len = (int)strcspn(errbuf, "\r\n");
	char detail[CURL_ERROR_SIZE];

	if (len == 0 || (strncmp(errbuf, what, len) == 0 && what[len] == '\0'))
	{
		errbuf[0] = '\0';
		return (errbuf);
	}
	sprintf(detail, "%.*s", len < CURL_ERROR_SIZE - 4 ? len :
		CURL_ERROR_SIZE - 4, errbuf);
	sprintf(errbuf, " (%s)", detail);
	return (errbuf);
}

/**
 * easy_check - the checks libcurl leaves out, after a transfer that
 * curl_easy_perform() called a success
 * @curl: the handle
 * @errbuf: the handle's error buffer, where the reason goes
 *
 * libcurl 7.88 accepts a response whose connection closed in the middle
 * of its headers (as if it were complete, with an empty body), and a
 * redirect without a Location header (as a final answer). Both are broken
 * responses.
 *
 * Return: 0 if the response is sound, -1 with the reason in @errbuf.
 */
int easy_check(CURL *curl, char *errbuf)
{
	long status = 0;
	char *location = NULL;

	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
	if (strcmp(errbuf, CUT_HEAD) == 0)
		return (-1);
	if ((status == 301 || status == 302 || status == 303 ||
	     status == 307 || status == 308) && location == NULL)
	{
		sprintf(errbuf, "a %ld redirect without a Location header",
			status);
		return (-1);
	}
	return (0);
}

/**
 * easy_fetch - perform the request set up on @curl, keeping the body
 * @curl: a handle from easy_open(), with its URL (and method) set
 * @body: emptied, then filled with the response body
 * @errbuf: the handle's error buffer
 *
 * For the exercises whose lesson comes after the transfer (JSON ones):
 * the same handle can fetch again, reusing its connection.
 *
 * Return: the HTTP status, or -1 when no sound response arrived, with the
 * reason on one line in @errbuf.
 */
long easy_fetch(CURL *curl, struct buf *body, char *errbuf)
{
	char detail[CURL_ERROR_SIZE];
	long status = -1;
	CURLcode rc;

	buf_free(body);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buf_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
	{
		strcpy(detail, easy_detail(rc, errbuf));
		sprintf(errbuf, "%.100s%.150s", curl_easy_strerror(rc), detail);
		return (-1);
	}
	if (easy_check(curl, errbuf) != 0)
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
