/*
 * 14-chat_server - a chat room for nc and telnet, on the event loop
 *
 * Usage: ./14-chat_server [PORT]      (default 7711; 0: any free port)
 *
 *   $ ./14-chat_server 7711            $ nc 127.0.0.1 7711
 *   Listening on 127.0.0.1:7711        Welcome, guest1! Commands: ...
 *   * guest1 joined                    /nick ada
 *   * guest1 is now ada                * guest1 is now ada
 *                                      hello, room
 *
 * Everyone else in the room then reads "ada> hello, room". Commands:
 * /nick NAME (1 to 16 letters, digits, '-' or '_', not taken), /who (who
 * is here), /quit (leave). Joins, leaves and nick changes are announced
 * to the room and printed on the server's standard output.
 *
 * What it teaches: a real multi-user program on one thread. Each client
 * has its own input buffer, because TCP delivers bytes, not lines: a line
 * is complete only when its newline arrives, maybe many reads later. Each
 * client also has its own output buffer, for what the kernel would not
 * take at once: a client that does not read can only be sent to later, or
 * never. The buffer is capped, and a client that lets it fill up is
 * disconnected instead of stalling the room or eating all the memory.
 * Both buffers are lib/server/lines.c, written in this exercise too; this
 * file is the room: who is in it, the commands, and who hears what.
 *
 * SIGINT or SIGTERM: every client is closed (each logged as leaving,
 * "(server stopping)"), a last line printed, exit 0. Exit 1 if it cannot
 * listen, 2 on wrong arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>

#include "lib/buf.h"
#include "lib/server/loop.h"
#include "lib/server/acceptor.h"
#include "lib/server/lines.h"
#include "lib/server/listener.h"
#include "lib/sock.h"

#define NAME "14-chat_server"
#define DEFAULT_PORT "7711"
#define MAX_NICK 16
#define TOO_LONG "! line too long (at most 512 bytes): not sent\n"

/* ======== The room and the people in it =========================== */
/**
 * struct client - one person in the room
 * @io: their socket, the line they are typing, what waits to be sent
 *      (lib/server/lines.c; io.fd is their socket)
 * @nick: their nickname
 * @quitting: they said /quit: close once io.out is sent
 * @why_gone: once disconnected, the reason given to the room
 * @loop: the loop it is served in (for the lines_read() callback)
 * @prev: the previous client in the room
 * @next: the next one (or in the room's list of departed clients)
 */
struct client
{
	struct lines io;
	char nick[MAX_NICK + 1];
	int quitting;
	const char *why_gone;
	struct loop *loop;
	struct client *prev;
	struct client *next;
};

/**
 * struct room - the listening socket and everyone in the room
 * @acceptor: the listening socket, in the loop (written in 13)
 * @guests: how many default nicknames were handed out
 * @first: the client who joined first (owned, like every client)
 * @last: the client who joined last
 * @gone: clients disconnected whose leaving is not announced yet
 *
 * A client can be disconnected in the middle of a broadcast (its output
 * buffer overflowed), so it is only unlinked and closed there; it is
 * announced and freed by farewell(), after the broadcast.
 */
struct room
{
	struct acceptor acceptor;
	int guests;
	struct client *first;
	struct client *last;
	struct client *gone;
};

/* ======== Leaving, sending, hearing =============================== */
/**
 * disconnect - close a client's connection and take it out of the room
 * @loop: the loop
 * @c: the client (freed later, by farewell())
 * @why: the reason the room will be given, or "" for none
 */
static void disconnect(struct loop *loop, struct client *c, const char *why)
{
	struct room *room = loop_data(loop);

	if (c->why_gone != NULL)
		return;
	loop_remove(loop, c->io.fd);
	close(c->io.fd);
	acceptor_closed(loop, &room->acceptor);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		room->first = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	else
		room->last = c->prev;
	c->why_gone = why;
	c->next = room->gone;
	room->gone = c;
}

/**
 * send_to - send text to one client, now or as soon as it can take it
 * @loop: the loop
 * @c: the client
 * @text: what to send
 *
 * A client whose backlog passes LINES_OUTPUT_CAP is not reading, and is
 * disconnected.
 */
static void send_to(struct loop *loop, struct client *c, const char *text)
{
	int r;

	if (c->why_gone != NULL)
		return;
	r = lines_send(&c->io, text);
	if (r > 0) /* some waits: send it when the socket is writable */
		loop_watch(loop, c->io.fd, c->quitting ? LOOP_WRITE
			   : LOOP_READ | LOOP_WRITE);
	else if (r < 0 && errno == ENOBUFS)
		disconnect(loop, c, " (disconnected: not reading)");
	else if (r < 0 && errno == ENOMEM)
		disconnect(loop, c, " (disconnected: out of memory)");
	else if (r < 0)
		disconnect(loop, c, "");
}

/**
 * broadcast - send text to everyone in the room but one
 * @loop: the loop
 * @except: the client who does not get it (the author), or NULL
 * @text: the line to send; if it is a notice ("* ..."), the server
 *        prints it too
 */
static void broadcast(struct loop *loop, struct client *except,
		      const char *text)
{
	struct room *room = loop_data(loop);
	struct client *c, *next;

	if (text[0] == '*')
	{
		fputs(text, stdout);
		fflush(stdout);
	}
	for (c = room->first; c != NULL; c = next)
	{
		/* send_to() may disconnect c, which unlinks it. */
		next = c->next;
		if (c != except)
			send_to(loop, c, text);
	}
}

/**
 * farewell - announce and free every client disconnected so far
 * @loop: the loop
 *
 * Announcing may disconnect more clients (whose buffers overflow); they
 * are announced in turn.
 */
static void farewell(struct loop *loop)
{
	struct room *room = loop_data(loop);
	char text[64];
	struct client *c;

	while (room->gone != NULL)
	{
		c = room->gone;
		room->gone = c->next;
		sprintf(text, "* %s left%s\n", c->nick, c->why_gone);
		broadcast(loop, NULL, text);
		lines_free(&c->io);
		free(c);
	}
}

/* ======== Commands ================================================ */
/**
 * valid_nick - whether a nickname has the allowed length and characters
 * @nick: the proposed nickname
 *
 * Return: 1 if it is 1 to MAX_NICK letters, digits, '-' or '_', else 0.
 */
static int valid_nick(const char *nick)
{
	size_t n = strlen(nick);

	return (n >= 1 && n <= MAX_NICK &&
		strspn(nick, "abcdefghijklmnopqrstuvwxyz"
		       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n);
}

/**
 * find_nick - who in the room has a nickname (case does not matter)
 * @room: the room
 * @nick: the nickname
 *
 * Return: that client, or NULL.
 */
static struct client *find_nick(struct room *room, const char *nick)
{
	struct client *c;

	for (c = room->first; c != NULL; c = c->next)
		if (strcasecmp(c->nick, nick) == 0)
			return (c);
	return (NULL);
}

/**
 * change_nick - /nick NAME
 * @loop: the loop
 * @c: who asked
 * @nick: the new nickname
 */
static void change_nick(struct loop *loop, struct client *c, const char *nick)
{
	struct client *owner = find_nick(loop_data(loop), nick);
	char text[2 * MAX_NICK + 16];

	if (!valid_nick(nick))
		send_to(loop, c, "! a nickname is 1 to 16 letters, digits,"
			" '-' or '_'\n");
	else if (owner != NULL && owner != c)
		send_to(loop, c, "! that nickname is taken\n");
	else
	{
		sprintf(text, "* %s is now %s\n", c->nick, nick);
		strcpy(c->nick, nick);
		broadcast(loop, NULL, text);
	}
}

/**
 * who - /who: one line naming everyone in the room, in order of arrival
 * @loop: the loop
 * @c: who asked
 */
static void who(struct loop *loop, struct client *c)
{
	struct room *room = loop_data(loop);
	struct client *p;
	struct buf text;
	int failed;

	buf_init(&text);
	failed = buf_printf(&text, "* here:");
	for (p = room->first; p != NULL && !failed; p = p->next)
		failed = buf_printf(&text, "%s %s", p == room->first ? "" : ",",
				    p->nick);
	if (!failed && buf_printf(&text, "\n") == 0)
		send_to(loop, c, text.data);
	buf_free(&text);
}

/**
 * on_line - a client sent a complete line: a command or a message
 * @loop: the loop
 * @c: the client
 * @line: the line, without its newline
 */
static void on_line(struct loop *loop, struct client *c, const char *line)
{
	char text[MAX_NICK + LINES_MAX + 8];

	if (strncmp(line, "/nick ", 6) == 0)
		change_nick(loop, c, line + 6);
	else if (strcmp(line, "/who") == 0)
		who(loop, c);
	else if (strcmp(line, "/quit") == 0)
	{
		c->quitting = 1;
		send_to(loop, c, "Bye!\n");
		/* Close now if it was all sent, else once it is. */
		if (c->io.out.len == 0)
			disconnect(loop, c, "");
	}
	else if (line[0] == '/')
		send_to(loop, c, "! unknown command; try /nick NAME, /who or"
			" /quit\n");
	else if (line[0] != '\0')
	{
		sprintf(text, "%s> %s\n", c->nick, line);
		broadcast(loop, c, text);
	}
}

/* ======== Events: what the loop calls ============================= */
/**
 * on_typed - lines_read()'s callback: a client typed a whole line
 * @io: the client's lines
 * @line: the line, or NULL if it was too long
 * @data: the struct client
 *
 * Return: nonzero to stop reading the client (it quit or was dropped).
 */
static int on_typed(struct lines *io, const char *line, void *data)
{
	struct client *c = data;

	(void)io;
	if (line == NULL)
		send_to(c->loop, c, TOO_LONG);
	else
		on_line(c->loop, c, line);
	return (c->quitting || c->why_gone != NULL);
}

/**
 * on_writable - send as much of a client's output as its socket takes
 * @loop: the loop
 * @c: the client
 */
static void on_writable(struct loop *loop, struct client *c)
{
	int r = lines_flush(&c->io);

	/* All sent: a client who quit is closed, the others read again. */
	if (r < 0 || (r == 0 && c->quitting))
		disconnect(loop, c, "");
	else if (r == 0)
		loop_watch(loop, c->io.fd, LOOP_READ);
}

/**
 * on_client - a client's socket is ready
 * @loop: the loop
 * @fd: its socket
 * @events: LOOP_READ and/or LOOP_WRITE
 * @data: the struct client
 */
static void on_client(struct loop *loop, int fd, int events, void *data)
{
	struct client *c = data;

	(void)fd;
	if (events & LOOP_WRITE)
		on_writable(loop, c);
	if ((events & LOOP_READ) && c->why_gone == NULL &&
	    lines_read(&c->io, on_typed, c) != 0)
		disconnect(loop, c, "");
	farewell(loop);
}

/**
 * on_accept - welcome a new connection to the room
 * @loop: the loop
 * @fd: its socket, already non-blocking
 * @peer: the client's address (unused)
 * @data: the room
 */
static void on_accept(struct loop *loop, int fd,
		      const struct sockaddr_storage *peer, void *data)
{
	struct room *room = data;
	struct client *c = calloc(1, sizeof(*c));
	char text[MAX_NICK + 64];

	(void)peer;
	if (c == NULL || loop_add(loop, fd, LOOP_READ, on_client, c) != 0)
	{
		fprintf(stderr, "%s: client refused: out of memory\n", NAME);
		free(c);
		close(fd);
		acceptor_closed(loop, &room->acceptor);
		return;
	}
	c->io.fd = fd;
	c->loop = loop;
	do
		sprintf(c->nick, "guest%d", ++room->guests);
	while (find_nick(room, c->nick) != NULL);
	sprintf(text, "* %s joined\n", c->nick);
	broadcast(loop, NULL, text);
	c->prev = room->last;
	if (room->last != NULL)
		room->last->next = c;
	else
		room->first = c;
	room->last = c;
	sprintf(text, "Welcome, %s! Commands: /nick NAME, /who, /quit\n",
		c->nick);
	send_to(loop, c, text);
	farewell(loop);
}

/**
 * on_pause - say that accepting paused (see 13-async_server)
 * @a: the acceptor
 * @why: EMFILE or ENFILE: out of file descriptors
 */
static void on_pause(struct acceptor *a, int why)
{
	(void)a;
	(void)why;
	fprintf(stderr, "%s: out of file descriptors, pausing\n", NAME);
}

/* ======== Starting and stopping =================================== */
/**
 * start - listen and register the listener
 * @loop: the loop
 * @room: the room to fill in
 * @port: the port to listen on
 *
 * Return: 0 on success, -1 on failure (the reason is on stderr).
 */
static int start(struct loop *loop, struct room *room, int port)
{
	char err[128];

	room->acceptor.on_accept = on_accept;
	room->acceptor.on_pause = on_pause;
	room->acceptor.data = room;
	if (acceptor_start(loop, &room->acceptor, "127.0.0.1", port, err,
			   sizeof(err)) != 0)
	{
		fprintf(stderr, "%s: %s\n", NAME, err);
		return (-1);
	}
	sock_say_listening("127.0.0.1", listener_port(room->acceptor.fd));
	return (0);
}

/**
 * close_room - disconnect everyone and free them; the log says who was
 * still there
 * @loop: the loop
 * @room: the room
 */
static void close_room(struct loop *loop, struct room *room)
{
	while (room->first != NULL)
		disconnect(loop, room->first, " (server stopping)");
	farewell(loop);
	acceptor_stop(loop, &room->acceptor);
}

/**
 * main - run the chat room
 * @argc: number of arguments
 * @argv: the arguments; argv[1] is the optional port
 *
 * Return: 0 when stopped by a signal, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	struct room room;
	struct loop *loop;
	int port, failed = 1;

	port = sock_parse_port(argc == 2 ? argv[1] : DEFAULT_PORT);
	if (argc > 2 || port < 0)
	{
		fprintf(stderr, "Usage: ./%s [PORT]\n", NAME);
		return (2);
	}
	sock_raise_fd_limit();
	memset(&room, 0, sizeof(room));
	room.acceptor.fd = -1;
	loop = loop_new(&room);
	if (loop == NULL || loop_stop_on_signals(loop) != 0)
		perror(NAME ": cannot start the event loop");
	else if (start(loop, &room, port) == 0)
		failed = loop_run(loop) != 0;
	if (loop != NULL)
		close_room(loop, &room);
	if (!failed)
		printf("Server stopped\n");
	loop_free(loop);
	return (failed);
}
