/*
 * out.c - make sure what a program printed really left it, and that what
 * a peer sent can be printed safely.
 *
 * Given plumbing: no exercise teaches it. Used by 0-12, 100-102 and
 * 106-108 (out_flush), by 11, 13 and 14 (out_clean), and by 12
 * (out_clean_text).
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "lib/out.h"

/**
 * out_flush - flush stdout and report a write error on stderr
 * @name: the program's name, for the message
 *
 * printf() only fills a buffer; a full disk or a closed pipe shows up when
 * the buffer is written, so a careful program checks at the end.
 *
 * Return: 0 if everything printed was written, 1 otherwise.
 */
int out_flush(const char *name)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return (0);
	fprintf(stderr, "%s: cannot write output: %s\n", name,
		strerror(errno));
	return (1);
}

/**
 * is_control - would this byte act on a terminal rather than show?
 * @c: the byte
 *
 * Return: 1 for the control characters but tab, and DEL; else 0.
 */
static int is_control(unsigned char c)
{
	return ((c < ' ' && c != '\t') || c == 127);
}

/**
 * out_clean - show control characters as '?'
 * @text: what a peer sent, changed in place
 * @len: its length (a NUL byte in it is shown too)
 *
 * A peer must not move the cursor of the terminal its text is shown on,
 * clear its screen or ring its bell.
 */
void out_clean(char *text, size_t len)
{
	unsigned char *p = (unsigned char *)text;
	size_t i;

	for (i = 0; i < len; i++)
		if (is_control(p[i]))
			p[i] = '?';
}

/**
 * out_clean_text - show control characters as '?', keeping line breaks
 * @text: what a peer sent, changed in place
 * @len: its length
 *
 * As out_clean(), for text of several lines: a newline stays, and so
 * does a carriage return just before one (a CRLF line end). A carriage
 * return alone does not: it would let the peer write over what the line
 * already shows.
 */
void out_clean_text(char *text, size_t len)
{
	unsigned char *p = (unsigned char *)text;
	size_t i;

	for (i = 0; i < len; i++)
	{
		if (p[i] == '\n' || (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n'))
			continue;
		if (is_control(p[i]))
			p[i] = '?';
	}
}
