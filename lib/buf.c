/*
 * buf.c - a growable byte buffer with a hard cap.
 *
 * Given plumbing: no exercise teaches it. Used by 0-10, 100-102, 13, 14,
 * 15, 103, 104 and 108.
 *
 * Responses may contain NUL bytes, so the length is kept beside the bytes
 * rather than found with strlen(). The cap is 64 MiB; NET_MAX_BODY lowers
 * it, so that tests can check a client at its limit without moving 64 MiB.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

/**
 * buf_max_size - the most bytes a buffer may hold
 *
 * Reads NET_MAX_BODY once: a whole number of MiB, from 1 to 64. Unset, or
 * anything else, leaves the default: the variable can lower the cap, never
 * raise it.
 *
 * Return: the cap in bytes.
 */
unsigned long buf_max_size(void)
{
	static unsigned long max;
	const char *s;
	char *end;
	long mib;

	if (max == 0)
	{
		max = BUF_MAX_DEFAULT;
		s = getenv("NET_MAX_BODY");
		if (s != NULL && *s != '\0')
		{
			mib = strtol(s, &end, 10);
			if (*end == '\0' && mib >= 1 && mib < (long)(max >> 20))
				max = (unsigned long)mib << 20;
		}
	}
	return (max);
}

/**
 * buf_init - make @b an empty buffer
 * @b: the buffer
 */
void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

/**
 * buf_reserve - make room in @b for @n more bytes and a '\0'
 * @b: the buffer
 * @n: how many bytes are about to be added
 *
 * Return: 0 on success, -1 if the result would pass BUF_MAX_SIZE or
 * memory runs out (@b is then left unchanged).
 */
int buf_reserve(struct buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (n > BUF_MAX_SIZE - b->len)
		return (-1);
	need = b->len + n + 1;
	if (need <= b->cap)
		return (0);
	/* Doubling keeps the number of copies logarithmic. */
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return (-1);
	b->data = p;
	b->cap = cap;
	return (0);
}

/**
 * buf_append - copy @n bytes to the end of @b, growing it as needed
 * @b: the buffer
 * @bytes: what to copy
 * @n: how many bytes
 *
 * Return: 0 on success, -1 if the result would pass BUF_MAX_SIZE or
 * memory runs out (@b is then left unchanged).
 */
int buf_append(struct buf *b, const void *bytes, size_t n)
{
	if (buf_reserve(b, n) != 0)
		return (-1);
	if (n > 0)
		memcpy(b->data + b->len, bytes, n);
	b->len += n;
	b->data[b->len] = '\0';
	return (0);
}

/**
 * buf_free - release the memory of @b and make it empty again
 * @b: the buffer
 */
void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

/**
 * buf_print - write the bytes of @b to @f
 * @b: the buffer
 * @f: where to write
 *
 * fwrite(), not fputs() or printf("%s"): a body may hold NUL bytes, and
 * those would end the text early. An empty buffer has no bytes at all,
 * and fwrite() must not be given its NULL pointer.
 */
void buf_print(const struct buf *b, FILE *f)
{
	if (b->len > 0)
		fwrite(b->data, 1, b->len, f);
}

/**
 * buf_printf - append formatted text to @b, like printf()
 * @b: the buffer
 * @format: a printf() format
 *
 * Programs that make several requests build their output here and print
 * it only once everything succeeded: no half-written output on failure.
 *
 * Return: 0 on success, -1 when out of memory or past BUF_MAX_SIZE.
 */
int buf_printf(struct buf *b, const char *format, ...)
{
	va_list ap;
	int n;

	/* Write it in the room left; if that was too small, grow the buffer
	 * to the length vsnprintf() reported and write it again.
	 */
	va_start(ap, format);
	n = vsnprintf(b->data == NULL ? NULL : b->data + b->len,
		      b->cap - b->len, format, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < b->cap - b->len)
	{
		b->len += n;
		return (0);
	}
	if (n < 0 || buf_reserve(b, (size_t)n) != 0)
	{
		if (b->data != NULL)
			b->data[b->len] = '\0';
		return (-1);
	}
	va_start(ap, format);
	vsnprintf(b->data + b->len, (size_t)n + 1, format, ap);
	va_end(ap);
	b->len += n;
	return (0);
}

/**
 * buf_write_cb - a libcurl CURLOPT_WRITEFUNCTION that appends to a buffer
 * @ptr: received bytes
 * @size: always 1
 * @nmemb: number of bytes
 * @userdata: the struct buf given as CURLOPT_WRITEDATA
 *
 * Return: the number of bytes taken; anything else makes libcurl stop
 * with CURLE_WRITE_ERROR, which is how a too-large body ends the transfer.
 */
size_t buf_write_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	if (buf_append(userdata, ptr, size * nmemb) != 0)
		return (0);
	return (size * nmemb);
}
