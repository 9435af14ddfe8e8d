/*
 * out.c - make sure what a program printed really left it.
 *
 * Given plumbing: no exercise teaches it. Used by 0-12, 100-102
 * and 106.
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
