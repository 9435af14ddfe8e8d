/*
 * message.c - DNS messages, byte by byte (RFC 1035, section 4): the query
 * written, the answer checked and its records turned into text
 *
 * Written in exercise 108 (108-dns_query): the student writes this file
 * (lib/dns/message.h is its given API). Used by 108-dns_query, which
 * carries the messages over UDP and TCP.
 *
 * Every number is big-endian (network byte order) and read a byte at a
 * time, never by casting a pointer into the message. The names in it are
 * read by lib/dns/name.c. The message comes from anyone: no read may go
 * past its end.
 */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "lib/dns/message.h"
#include "lib/dns/name.h"

/**
 * dns_fail - stop reading a message: say why
 * @m: the message
 * @why: the reason (only the first one is kept)
 *
 * Return: -1.
 */
int dns_fail(struct dns_message *m, const char *why)
{
	if (m->why == NULL)
		m->why = why;
	return (-1);
}

/**
 * get16 - read a 16-bit number in network byte order
 * @m: the message
 * @v: where to put it
 *
 * Return: 0, or -1 at the end of the message.
 */
static int get16(struct dns_message *m, unsigned int *v)
{
	if (m->len - m->pos < 2)
		return (dns_fail(m, "the message is cut short"));
	*v = (unsigned int)m->data[m->pos] << 8 | m->data[m->pos + 1];
	m->pos += 2;
	return (0);
}

/**
 * dns_put_query - write the query for NAME and TYPE
 * @q: where (DNS_QUERY_MAX bytes)
 * @id: the query's ID
 * @name: the name, such as "example.test" (a dot at the end is allowed)
 * @type: the record type
 *
 * Return: the query's length, or 0 if NAME cannot be a DNS name (an empty
 * label, a label over 63 bytes, over 255 bytes in all).
 */
size_t dns_put_query(unsigned char *q, unsigned int id, const char *name,
		     unsigned int type)
{
	size_t pos = 12, len;
	const char *dot;

	memset(q, 0, 12);
	q[0] = id >> 8;
	q[1] = id & 0xFF;
	q[2] = 0x01;	/* RD: recursion desired */
	q[5] = 1;	/* QDCOUNT: one question */
	while (*name != '\0')
	{
		dot = strchr(name, '.');
		len = dot ? (size_t)(dot - name) : strlen(name);
		if (len == 0 || len > 63 || pos - 12 + len + 2 > DNS_MAX_NAME)
			return (0);
		q[pos++] = len;
		memcpy(q + pos, name, len);
		pos += len;
		name += len + (dot != NULL);
	}
	q[pos++] = 0;
	q[pos++] = type >> 8;
	q[pos++] = type & 0xFF;
	q[pos++] = 0;
	q[pos++] = DNS_C_IN;
	return (pos);
}

/**
 * add_text - the strings of a TXT record, each quoted, as dig writes them
 * @out: where the output goes
 * @d: the record's data
 * @len: its length
 *
 * Return: 0, or -1 if a string runs past the record (or out of memory).
 */
static int add_text(struct buf *out, const unsigned char *d, size_t len)
{
	size_t i = 0, n, k;
	int err = 0;

	while (i < len && err == 0)
	{
		n = d[i++];
		if (n > len - i)
			return (-1);
		err |= buf_printf(out, "%s\"", i > 1 ? " " : "");
		for (k = 0; k < n; k++, i++)
		{
			if (d[i] == '"' || d[i] == '\\')
				err |= buf_printf(out, "\\%c", d[i]);
			else if (d[i] < 32 || d[i] > 126)
				err |= buf_printf(out, "\\%03u", d[i]);
			else
				err |= buf_printf(out, "%c", d[i]);
		}
		err |= buf_printf(out, "\"");
	}
	return (err | buf_printf(out, "\n"));
}

/**
 * add_record - one record of the answer section, as dig +short prints it
 * @out: where the output goes
 * @m: the message, at the record's data
 * @type: the record's type
 * @len: its data's length
 *
 * Return: 0, or -1 if its data is broken.
 */
static int add_record(struct buf *out, struct dns_message *m,
		      unsigned int type, size_t len)
{
	const unsigned char *d = m->data + m->pos;
	char text[DNS_MAX_TEXT];	/* longer than any address */
	unsigned int pref;

	if ((type == DNS_T_A && len != 4) || (type == DNS_T_AAAA && len != 16))
		return (dns_fail(m, "an address record of the wrong size"));
	if (type == DNS_T_A || type == DNS_T_AAAA)
		return (buf_printf(out, "%s\n", inet_ntop(type == DNS_T_A ? AF_INET :
			AF_INET6, d, text, sizeof(text))));
	if (type == DNS_T_NS || type == DNS_T_CNAME)
		return (dns_get_name(m, text) != 0 ? -1 :
			buf_printf(out, "%s\n", text));
	if (type == DNS_T_MX)
		return (get16(m, &pref) != 0 || dns_get_name(m, text) != 0 ? -1 :
			buf_printf(out, "%u %s\n", pref, text));
	if (add_text(out, d, len) != 0)
		return (dns_fail(m, "a TXT string longer than its record"));
	return (0);
}

/**
 * add_answers - read the answer section, and write its records out
 * @out: where the output goes
 * @m: the message, just after its question
 * @count: ANCOUNT
 *
 * Records of other types (DNSSEC's, say) are skipped, as dig +short
 * skips them.
 *
 * Return: 0, or -1 if the section is broken.
 */
static int add_answers(struct buf *out, struct dns_message *m,
		       unsigned int count)
{
	char owner[DNS_MAX_TEXT];
	unsigned int type, class, ttl_hi, ttl_lo, len;
	size_t end;

	while (count-- > 0)
	{
		if (m->pos == m->len)
			return (dns_fail(m, "ANCOUNT counts more records than the "
				     "message holds"));
		if (dns_get_name(m, owner) != 0 || get16(m, &type) != 0 ||
		    get16(m, &class) != 0 || get16(m, &ttl_hi) != 0 ||
		    get16(m, &ttl_lo) != 0 || get16(m, &len) != 0)
			return (-1);
		if (len > m->len - m->pos)
			return (dns_fail(m, "the message is cut short"));
		end = m->pos + len;
		if (class == DNS_C_IN && (type == DNS_T_A || type == DNS_T_AAAA ||
				      type == DNS_T_NS || type == DNS_T_CNAME ||
				      type == DNS_T_MX || type == DNS_T_TXT) &&
		    add_record(out, m, type, len) != 0)
			return (dns_fail(m, "out of memory"));
		m->pos = end;
	}
	return (0);
}

/**
 * same_question - is the answer's question the one asked?
 * @m: the answer, at its question (moved past it)
 * @q: the query
 * @qlen: its length
 *
 * Names compare without regard to case (servers may change it).
 *
 * Return: 1 if it is, 0 if not (or -1 if the question is broken).
 */
static int same_question(struct dns_message *m, const unsigned char *q,
			 size_t qlen)
{
	struct dns_message ask = {NULL, 0, 12, NULL};
	char asked[DNS_MAX_TEXT], got[DNS_MAX_TEXT];
	unsigned int type, class, ask_type = 0, ask_class = 0;

	/* The query is ours (dns_put_query()): reading it cannot fail. */
	ask.data = q;
	ask.len = qlen;
	dns_get_name(&ask, asked);
	get16(&ask, &ask_type);
	get16(&ask, &ask_class);
	if (dns_get_name(m, got) != 0 || get16(m, &type) != 0 ||
	    get16(m, &class) != 0)
		return (-1);
	return (strcasecmp(asked, got) == 0 && type == ask_type &&
		class == ask_class);
}

/**
 * rcode_reason - what a response code other than NOERROR means
 * @rcode: the code (the low 4 bits of the header's flags)
 *
 * Return: the reason.
 */
static const char *rcode_reason(unsigned int rcode)
{
	switch (rcode)
	{
	case 1: return ("the server could not read the query (FORMERR)");
	case 2: return ("the server failed (SERVFAIL)");
	case 3: return ("no such name (NXDOMAIN)");
	case 4: return ("the server cannot do this (NOTIMP)");
	case 5: return ("the server refused to answer (REFUSED)");
	default: return ("an unknown response code");
	}
}

/**
 * dns_read_answer - check an answer's header and question; write its records
 * @m: the answer
 * @q: the query
 * @qlen: its length
 * @out: where the records go
 * @truncated: set to 1 if TC is set (then nothing is read past the header)
 *
 * Return: 0, or -1 (m->why says why).
 */
int dns_read_answer(struct dns_message *m, const unsigned char *q,
		    size_t qlen, struct buf *out, int *truncated)
{
	unsigned int id, flags, qdcount, ancount, skip;

	m->pos = 0;
	if (m->len < 12)
		return (dns_fail(m, "the answer is shorter than a DNS header"));
	get16(m, &id);
	get16(m, &flags);
	get16(m, &qdcount);
	get16(m, &ancount);
	get16(m, &skip);	/* NSCOUNT and ARCOUNT: not read */
	get16(m, &skip);
	if (!(flags & 0x8000))
		return (dns_fail(m, "the answer is not a response (QR is 0)"));
	*truncated = (flags & 0x0200) != 0;
	if (*truncated)
		return (0);
	if (qdcount != 1 || same_question(m, q, qlen) != 1)
		return (dns_fail(m, m->why ? m->why : "an answer to another "
			     "question"));
	if ((flags & 0x000F) != 0)
		return (dns_fail(m, rcode_reason(flags & 0x000F)));
	return (add_answers(out, m, ancount));
}
