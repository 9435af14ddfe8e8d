#ifndef LIB_DNS_MESSAGE_H
#define LIB_DNS_MESSAGE_H

/*
 * Written in exercise 108: the API of lib/dns/message.c (given). Used by
 * 108-dns_query.
 */

#include <stddef.h>

#include "lib/buf.h"

#define DNS_MAX_MESSAGE 65535
#define DNS_MAX_NAME 255	/* the most bytes a name takes on the wire */
#define DNS_QUERY_MAX (12 + DNS_MAX_NAME + 4)	/* header, question */

/* The record types asked for and printed, and the class IN. */
#define DNS_T_A 1
#define DNS_T_NS 2
#define DNS_T_CNAME 5
#define DNS_T_MX 15
#define DNS_T_TXT 16
#define DNS_T_AAAA 28
#define DNS_C_IN 1

/**
 * struct dns_message - a DNS message received, and where its reading is
 * @data: its bytes
 * @len: how many
 * @pos: the next byte to read
 * @why: what was wrong with it, once something was
 */
struct dns_message
{
	const unsigned char *data;
	size_t len;
	size_t pos;
	const char *why;
};

size_t dns_put_query(unsigned char *q, unsigned int id, const char *name,
		     unsigned int type);
int dns_fail(struct dns_message *m, const char *why);
int dns_read_answer(struct dns_message *m, const unsigned char *q,
		    size_t qlen, struct buf *out, int *truncated);

#endif /* LIB_DNS_MESSAGE_H */
