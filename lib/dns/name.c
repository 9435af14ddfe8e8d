/*
 * name.c - a domain name in a DNS message, read byte by byte (RFC 1035,
 * sections 3.1 and 4.1.4), and written as text the way dig writes it
 *
 * Written in exercise 108 (108-dns_query): the student writes this file
 * (lib/dns/name.h is its given API). Used by 108-dns_query, through
 * lib/dns/message.c.
 *
 * A name is a list of labels, each preceded by its length, ending with a
 * zero; in an answer a name may end instead with a compression pointer to
 * an earlier name. The message comes from anyone: no pointer may loop, no
 * read may go past its end, no name may be longer than 255 bytes, and no
 * byte of a label reaches the terminal raw.
 */
#include <stdio.h>
#include <string.h>

#include "lib/dns/message.h"
#include "lib/dns/name.h"

/**
 * follow_pointer - jump to where a compression pointer says a name goes on
 * @m: the message
 * @p: the pointer's offset (moved to where it points)
 * @lowest: the lowest offset this name has read (moved there too)
 *
 * A pointer (two bytes, 11 then 14 bits of offset) says "the rest of the
 * name is at this offset". It must point before every byte this name has
 * read so far: that is what makes a loop impossible.
 *
 * Return: 0, or -1 if the pointer is broken (m->why says how).
 */
static int follow_pointer(struct dns_message *m, size_t *p, size_t *lowest)
{
	size_t to;

	if (*p + 1 >= m->len)
		return (dns_fail(m, "the message is cut short"));
	to = (m->data[*p] & 0x3F) << 8 | m->data[*p + 1];
	if (to >= m->len)
		return (dns_fail(m, "a compression pointer past the end"));
	if (to > *p)
		return (dns_fail(m, "a compression pointer forward"));
	if (to >= *lowest)
		return (dns_fail(m, "a compression pointer loop"));
	*p = *lowest = to;
	return (0);
}

/**
 * put_label - write one label as text, escaped as dig escapes it
 * @out: where (4 bytes per byte of the label at most)
 * @label: the label's bytes: any byte at all, a NUL or a dot among them
 * @len: how many
 *
 * A label is bytes, not text: a dot inside one is not a separator, and an
 * ESC byte printed raw would drive the reader's terminal. So a dot, a
 * backslash and the other characters a zone file gives a meaning to are
 * written after a backslash (\.), and every byte that is not printable
 * ASCII as \DDD, its value in three decimal digits (\027 for ESC).
 *
 * Return: how many bytes were written.
 */
static size_t put_label(char *out, const unsigned char *label, size_t len)
{
	size_t i, used = 0;

	for (i = 0; i < len; i++)
	{
		if (label[i] != '\0' && strchr("\".;\\()@$", label[i]) != NULL)
		{
			out[used++] = '\\';
			out[used++] = label[i];
		}
		else if (label[i] <= ' ' || label[i] > '~')
			used += sprintf(out + used, "\\%03u", label[i]);
		else
			out[used++] = label[i];
	}
	return (used);
}

/**
 * dns_get_name - read a name, following compression pointers
 * @m: the message (its position moves past the name as written there)
 * @out: where to write the name as text, escaped, with a dot at the end
 *       (DNS_MAX_TEXT bytes)
 *
 * Return: 0, or -1 if the name is broken (m->why says how).
 */
int dns_get_name(struct dns_message *m, char *out)
{
	size_t p = m->pos, lowest = m->pos, wire = 1, used = 0, len;
	int jumped = 0;

	for (;;)
	{
		if (p >= m->len)
			return (dns_fail(m, "the message is cut short"));
		len = m->data[p];
		if ((len & 0xC0) == 0xC0)
		{
			if (!jumped)
				m->pos = p + 2;
			jumped = 1;
			if (follow_pointer(m, &p, &lowest) != 0)
				return (-1);
			continue;
		}
		if (len > 63)
			return (dns_fail(m, "a label longer than 63 bytes"));
		if (len == 0)
			break;
		wire += len + 1;
		if (wire > DNS_MAX_NAME)
			return (dns_fail(m, "a name longer than 255 bytes"));
		if (p + 1 + len > m->len)
			return (dns_fail(m, "the message is cut short"));
		used += put_label(out + used, m->data + p + 1, len);
		out[used++] = '.';
		p += 1 + len;
	}
	if (used == 0)
		out[used++] = '.';
	out[used] = '\0';
	if (!jumped)
		m->pos = p + 1;
	return (0);
}
