/*
 * lines.c - a client that speaks in lines, on a non-blocking socket
 *
 * Written in exercise 14 (14-chat_server): the student writes this file
 * (lib/server/lines.h is its given API). Used by 14-chat_server.
 *
 * TCP delivers bytes, not lines: a line is complete only when its newline
 * arrives, maybe many reads later, so each client keeps the line it is
 * typing. And a client may not read what it is sent: what the kernel
 * would not take at once waits in the client's own output buffer, sent
 * when the socket is writable. That buffer is capped: a client that lets
 * it fill up is not reading, and must not stall everyone else or eat all
 * the memory.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/server/lines.h"
#include "lib/out.h"

/**
 * feed - add one received byte to the line being typed
 * @l: the client
 * @ch: the byte
 * @on_line: called with each complete line
 * @data: given to @on_line
 *
 * A newline ends the line; a '\r' just before it is dropped. Past
 * LINES_MAX bytes the line is refused and the rest of it thrown away.
 *
 * Return: what @on_line returned, or 0.
 */
static int feed(struct lines *l, char ch, lines_cb on_line, void *data)
{
	int stop = 0;

	if (ch == '\n')
	{
		if (l->len > 0 && l->line[l->len - 1] == '\r')
			l->len--;
		l->line[l->len] = '\0';
		out_clean(l->line, l->len);
		if (!l->skipping)
			stop = on_line(l, l->len > LINES_MAX ? NULL : l->line,
				       data);
		l->len = 0;
		l->skipping = 0;
	}
	else if (l->skipping)
		return (0);
	else if (l->len < LINES_MAX + 1)
		/* One byte more than LINES_MAX: room for a final '\r'. */
		l->line[l->len++] = ch;
	else
	{
		l->skipping = 1;
		stop = on_line(l, NULL, data);
	}
	return (stop);
}

/**
 * lines_read - read what the client typed, and hand on each whole line
 * @l: the client
 * @on_line: called with each complete line, in order, until it returns
 *           nonzero (the rest of what was read is then dropped)
 * @data: given to @on_line
 *
 * Return: 0, or -1 if the client left or its socket failed.
 */
int lines_read(struct lines *l, lines_cb on_line, void *data)
{
	char chunk[4096];
	ssize_t n, i;

	n = recv(l->fd, chunk, sizeof(chunk), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return (0);
	if (n <= 0)
		return (-1);
	for (i = 0; i < n; i++)
		if (feed(l, chunk[i], on_line, data) != 0)
			break;
	return (0);
}

/**
 * lines_send - send text to the client, now or as soon as it can take it
 * @l: the client
 * @text: what to send
 *
 * With nothing queued, the text goes straight to the kernel, which
 * usually takes it all: an idle client costs no buffer. What the kernel
 * does not take waits in @l->out for lines_flush(). One message may always
 * be queued; beyond that a client whose backlog passes LINES_OUTPUT_CAP is
 * not reading.
 *
 * Return: 0 if all was sent, 1 if some waits (watch for writability), -1
 * on failure (errno: ENOBUFS, not reading; ENOMEM; or the socket's error).
 */
int lines_send(struct lines *l, const char *text)
{
	size_t n = strlen(text);
	ssize_t sent = 0;

	if (l->out.len == 0)
	{
		sent = send(l->fd, text, n, MSG_NOSIGNAL);
		if (sent < 0 && errno != EAGAIN && errno != EINTR)
			return (-1);
		if (sent == (ssize_t)n)
			return (0);
		sent = sent < 0 ? 0 : sent;
	}
	else if (l->out.len + n > LINES_OUTPUT_CAP)
	{
		errno = ENOBUFS;
		return (-1);
	}
	if (buf_append(&l->out, text + sent, n - sent) != 0)
	{
		errno = ENOMEM;
		return (-1);
	}
	return (1);
}

/**
 * lines_flush - send as much of the waiting output as the socket takes
 * @l: the client
 *
 * Return: 0 once all is sent (the buffer is freed), 1 if some still
 * waits, -1 on failure (errno says why).
 */
int lines_flush(struct lines *l)
{
	ssize_t n = send(l->fd, l->out.data, l->out.len, MSG_NOSIGNAL);

	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 1 : -1);
	l->out.len -= n;
	memmove(l->out.data, l->out.data + n, l->out.len);
	if (l->out.len > 0)
		return (1);
	buf_free(&l->out);
	return (0);
}

/**
 * lines_free - free what the client still had waiting (not its socket)
 * @l: the client
 */
void lines_free(struct lines *l)
{
	buf_free(&l->out);
	l->len = 0;
	l->skipping = 0;
}
