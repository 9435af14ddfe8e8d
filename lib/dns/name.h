#ifndef LIB_DNS_NAME_H
#define LIB_DNS_NAME_H

/*
 * Written in exercise 108: the API of lib/dns/name.c (given). Used by
 * 108-dns_query, through lib/dns/message.c.
 */

#include "lib/dns/message.h"

/* The most bytes a name takes as text: each byte \DDD at worst, and a NUL. */
#define DNS_MAX_TEXT (4 * DNS_MAX_NAME + 1)

int dns_get_name(struct dns_message *m, char *out);

#endif /* LIB_DNS_NAME_H */
