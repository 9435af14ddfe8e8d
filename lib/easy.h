#ifndef LIB_EASY_H
#define LIB_EASY_H

#include <curl/curl.h>

CURL *easy_open(const char *name, char *errbuf);
void easy_report(const char *name, CURLcode rc, const char *errbuf);

#endif /* LIB_EASY_H */
