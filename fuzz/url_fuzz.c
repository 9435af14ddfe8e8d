/*
 * url_fuzz - libFuzzer harness for lib/client/url.c
 *
 * Feeds any bytes to url_parse() and, when they parse, checks what came
 * out (a host, a port from 1 to 65535, a target starting with '/'), then
 * resolves them as a Location against a fixed URL. Run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/client/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[URL_MAX + 1], out[URL_MAX * 2];
	const char *why;
	struct url u;
	long port;

	if (size > URL_MAX)
		return (0);
	memcpy(text, data, size);
	text[size] = '\0';
	if (url_parse(text, &u, &why) == 0)
	{
		port = atol(u.port);
		if (u.host[0] == '\0' || port < 1 || port > 65535 ||
		    u.target[0] != '/')
			abort();
	}
	else if (why == NULL || why[0] == '\0')
		abort();
	if (url_resolve("http://127.0.0.1:8080/a/b?q=1", text, out,
			sizeof(out)) == 0 && strncmp(out, "http", 4) != 0 &&
	    strstr(text, "://") == NULL)
		abort();
	return (0);
}
