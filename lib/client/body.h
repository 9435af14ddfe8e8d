#ifndef LIB_CLIENT_BODY_H
#define LIB_CLIENT_BODY_H

/*
 * Written in exercise 4: the API of lib/client/body.c (given). Used by
 * 4-7, through lib/client/http.c.
 */

#include "lib/client/http.h"
#include "lib/client/reader.h"

int body_read(struct reader *r, const char *method,
	      struct http_response *res);

#endif /* LIB_CLIENT_BODY_H */
