#ifndef LIB_CURL_EASY_H
#define LIB_CURL_EASY_H

/* Given plumbing (lib/curl/easy.c): used by 0-3, 8-10, 100-102. */

#include <curl/curl.h>

#include "lib/buf.h"

int easy_defaults(CURL *curl, const char *name, char *errbuf);
CURL *easy_open(const char *name, char *errbuf);
const char *easy_detail(CURLcode rc, char *errbuf);
int easy_check(CURL *curl, char *errbuf);
long easy_fetch(CURL *curl, struct buf *body, char *errbuf);
const char *easy_env_url(const char *env, const char *fallback);
char *easy_api_url(const char *env, const char *fallback, const char *path);

#endif /* LIB_CURL_EASY_H */
