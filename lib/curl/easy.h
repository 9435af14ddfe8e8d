#ifndef LIB_EASY_H
#define LIB_EASY_H

/* Given plumbing (lib/curl/easy.c): used by 0-3, 8-10, 100-102. */

#include <curl/curl.h>

#include "../buf.h"

CURL *easy_open(const char *name, char *errbuf);
void easy_report(const char *name, CURLcode rc, const char *errbuf);
int easy_perform(CURL *curl, const char *name, const char *errbuf);
long easy_fetch(CURL *curl, const char *name, const char *errbuf,
		struct buf *body);
const char *easy_env_url(const char *env, const char *fallback);
char *easy_api_url(const char *env, const char *fallback, const char *path);

#endif /* LIB_EASY_H */
