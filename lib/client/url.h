#ifndef LIB_CLIENT_URL_H
#define LIB_CLIENT_URL_H

/* Written in exercise 4: the API of lib/client/url.c (given). */

#define URL_MAX 4096

/**
 * struct url - the parts of an http:// or https:// URL
 * @tls: 1 for https, 0 for http
 * @host: the host name or address (an IPv6 address without brackets)
 * @port: the port, as text ("80" or "443" when the URL gives none)
 * @target: the path and query, "/" when the URL has none
 */
struct url
{
	int tls;
	char host[256];
	char port[6];
	char target[URL_MAX];
};

int url_parse(const char *text, struct url *u, const char **why);
int url_resolve(const char *base, const char *ref, char *out, size_t size);
int url_default_port(const struct url *u);

#endif /* LIB_CLIENT_URL_H */
