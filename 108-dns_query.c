/*
 * 108-dns_query - ask a DNS server by hand, and print what `dig +short` does
 *
 * Usage: ./108-dns_query NAME [TYPE] [SERVER[:PORT]]
 *        TYPE: A (default), AAAA, CNAME, MX, NS or TXT
 *        SERVER: an IPv4 or IPv6 address ([::1]:5353 with a port); by
 *        default DNS_SERVER, else the first nameserver of /etc/resolv.conf
 *
 *   $ ./108-dns_query example.test MX 127.0.0.1:5353
 *   10 mail.example.test.
 *   20 mx2.example.test.
 *
 * Builds the query (RFC 1035, section 4): a 12-byte header with a random
 * ID and RD (recursion desired), then one question, NAME as length-prefixed
 * labels, the type and the class IN. Sends it over UDP and waits
 * DNS_TIMEOUT seconds (default 2; decimals allowed), 3 times at most. An
 * answer must carry the query's ID, have QR set and repeat its question;
 * a datagram with another ID is not the answer and is ignored. If the
 * answer is truncated (TC), the question is asked again over TCP, where
 * every message is preceded by its length in two bytes. The answer
 * section's records are printed one per line, as `dig +short` prints them;
 * names in it may be compression pointers to earlier bytes of the message.
 *
 * Three files: this one carries the messages (UDP, retries, TCP, the
 * server to ask); lib/dns/message.c, written in this exercise too, writes
 * the query and reads the answer, byte by byte; lib/dns/name.c, written
 * here as well, reads the names in it and writes them as dig does.
 *
 * What it teaches: a binary protocol read and written byte by byte, in
 * network byte order; name compression, and how to follow pointers in a
 * message from anyone without looping, reading outside it, or accepting
 * a name longer than 255 bytes; retries over UDP, and TCP when UDP is
 * too small.
 *
 * Exit status: 0 with records, 1 on failure (NXDOMAIN, SERVFAIL, REFUSED,
 * no record, no answer, a broken answer: one line on stderr, nothing on
 * stdout), 2 on wrong arguments.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lib/buf.h"
#include "lib/dns/message.h"
#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "108-dns_query"
#define TRIES 3
#define DEFAULT_WAIT_MS 2000L

/**
 * ask_udp - send the query over UDP; wait for its answer, and try again
 * @fd: a UDP socket connected to the server
 * @q: the query
 * @qlen: its length
 * @r: where the answer goes (DNS_MAX_MESSAGE bytes)
 * @wait_ms: how long to wait for each try
 *
 * Return: the answer's length, 0 if none came after TRIES tries, -1 on
 * an error (errno says which; ECONNREFUSED: nothing listens there).
 */
static ssize_t ask_udp(int fd, const unsigned char *q, size_t qlen,
		       unsigned char *r, long wait_ms)
{
	struct pollfd p;
	long deadline, left;
	ssize_t n;
	int try;

	p.fd = fd;
	p.events = POLLIN;
	for (try = 0; try < TRIES; try++)
	{
		if (send(fd, q, qlen, 0) < 0)
			return (-1);
		deadline = timeout_now_ms() + wait_ms;
		while ((left = deadline - timeout_now_ms()) > 0 &&
		       poll(&p, 1, (int)left) > 0)
		{
			n = recv(fd, r, DNS_MAX_MESSAGE, 0);
			if (n < 0 && errno != EINTR)
				return (-1);
			/* Another ID: an old answer, or a forged one. */
			if (n >= 2 && r[0] == q[0] && r[1] == q[1])
				return (n);
		}
	}
	return (0);
}

/**
 * ask_tcp - ask over TCP: each message preceded by its length in 2 bytes
 * @addr: the server
 * @len: the size of @addr
 * @q: the query
 * @qlen: its length
 * @r: where the answer goes (DNS_MAX_MESSAGE bytes)
 * @wait_ms: how long each step may take; the whole exchange may take
 *           TRIES times as long, however slowly the bytes come
 *
 * Return: the answer's length, or -1 (errno says why; EPROTO: the answer
 * was cut short; ETIMEDOUT: it was too slow).
 */
static ssize_t ask_tcp(const struct sockaddr *addr, socklen_t len,
		       const unsigned char *q, size_t qlen, unsigned char *r,
		       long wait_ms)
{
	unsigned char head[2], framed[2 + DNS_QUERY_MAX];
	long deadline = timeout_now_ms() + TRIES * wait_ms;
	size_t want = 2, got = 0;
	struct timeval tv;
	ssize_t n = 0;
	int fd = socket(addr->sa_family, SOCK_STREAM, 0);

	tv.tv_sec = wait_ms / 1000;
	tv.tv_usec = wait_ms % 1000 * 1000;
	framed[0] = qlen >> 8;
	framed[1] = qlen & 0xFF;
	memcpy(framed + 2, q, qlen);
	/* The send timeout bounds connect() too. */
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, addr, len) != 0 ||
	    send(fd, framed, qlen + 2, MSG_NOSIGNAL) != (ssize_t)qlen + 2)
		n = -1;
	while (n >= 0 && got < want)
	{
		n = recv(fd, got < 2 ? head + got : r + got - 2,
			 got < 2 ? 2 - got : want - got, 0);
		if (n == 0)
			errno = EPROTO;
		if (n > 0 && timeout_now_ms() > deadline)
			errno = ETIMEDOUT;
		if (n <= 0 || timeout_now_ms() > deadline)
			n = -1;
		else if ((got += n) == 2)
			want = 2 + (head[0] << 8 | head[1]);
	}
	/* A timeout of SO_RCVTIMEO or SO_SNDTIMEO (connect()). */
	if (n < 0 && (errno == EAGAIN || errno == EINPROGRESS))
		errno = ETIMEDOUT;
	if (fd >= 0)
		close(fd);
	return (n < 0 ? -1 : (ssize_t)want - 2);
}

/**
 * default_server - DNS_SERVER, else the first nameserver of
 * /etc/resolv.conf
 * @ss: where the address goes
 * @len: where its size goes
 *
 * Return: 0, or -1 (with a line on stderr).
 */
static int default_server(struct sockaddr_storage *ss, socklen_t *len)
{
	const char *env = getenv("DNS_SERVER");
	char line[256], addr[128];
	FILE *f;
	int found = 0;

	if (env != NULL && *env != '\0')
	{
		if (sock_parse_addr(env, 53, ss, len) == 0)
			return (0);
		fprintf(stderr, "%s: DNS_SERVER must be ADDRESS[:PORT]\n", NAME);
		return (-1);
	}
	f = fopen("/etc/resolv.conf", "r");
	while (f != NULL && !found && fgets(line, sizeof(line), f) != NULL)
		found = sscanf(line, " nameserver %127s", addr) == 1 &&
			sock_parse_addr(addr, 53, ss, len) == 0;
	if (f != NULL)
		fclose(f);
	if (!found)
		fprintf(stderr, "%s: no nameserver in /etc/resolv.conf\n", NAME);
	return (found ? 0 : -1);
}

/**
 * record_type - the number of a record type's name
 * @text: the name, such as "MX" (any case)
 *
 * Return: the number, or 0 if it is not one of those this program asks.
 */
static unsigned int record_type(const char *text)
{
	static const char *const names[] = {"A", "NS", "CNAME", "MX", "TXT",
		"AAAA"};
	static const unsigned int numbers[] = {DNS_T_A, DNS_T_NS, DNS_T_CNAME,
		DNS_T_MX, DNS_T_TXT, DNS_T_AAAA};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(text, names[i]) == 0)
			return (numbers[i]);
	return (0);
}

/**
 * query - ask over UDP, and again over TCP if the answer was truncated;
 * read the answer
 * @server: the server
 * @len: the size of @server
 * @q: the query
 * @qlen: its length
 * @out: where the records go
 *
 * Return: NULL on success, else why it failed.
 */
static const char *query(const struct sockaddr *server, socklen_t len,
			 const unsigned char *q, size_t qlen, struct buf *out)
{
	static unsigned char r[DNS_MAX_MESSAGE];
	struct dns_message m = {NULL, 0, 0, NULL};
	long wait_ms = timeout_env_ms("DNS_TIMEOUT", DEFAULT_WAIT_MS);
	int fd = socket(server->sa_family, SOCK_DGRAM, 0), truncated;
	ssize_t n = -1;

	if (wait_ms < 0)
		return ("DNS_TIMEOUT must be a number of seconds");
	if (fd >= 0 && connect(fd, server, len) == 0)
		n = ask_udp(fd, q, qlen, r, wait_ms);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return (errno == ECONNREFUSED ? "connection refused: no DNS server"
			" on that port" : strerror(errno));
	if (n == 0)
		return ("no answer (3 tries)");
	m.data = r;
	m.len = n;
	if (dns_read_answer(&m, q, qlen, out, &truncated) != 0 || !truncated)
		return (m.why);
	/* Truncated: the whole answer does not fit a datagram. */
	n = ask_tcp(server, len, q, qlen, r, wait_ms);
	if (n < 0)
		return (errno == EPROTO ? "the answer over TCP is cut short" :
			errno == ETIMEDOUT ? "no answer over TCP (timed out)" :
			strerror(errno));
	m.len = n;
	if (n >= 2 && (r[0] != q[0] || r[1] != q[1]))
		return ("an answer over TCP with another ID");
	if (dns_read_answer(&m, q, qlen, out, &truncated) != 0)
		return (m.why);
	return (truncated ? "the answer is truncated even over TCP" : NULL);
}

/**
 * read_args - TYPE and SERVER from the command line
 * @argc: number of arguments
 * @argv: the arguments: NAME, then TYPE and SERVER, both optional
 * @type: set to the type asked for (A when none is)
 * @server: set to SERVER's address, or the system's first name server's
 * @len: set to its length
 *
 * Return: 0; 2 on wrong arguments (the usage line said); 1 when no server
 * was given and none can be found (said).
 */
static int read_args(int argc, char **argv, unsigned int *type,
		     struct sockaddr_storage *server, socklen_t *len)
{
	const char *server_arg = NULL;

	*type = DNS_T_A;
	if (argc >= 3 && record_type(argv[2]) != 0)
		*type = record_type(argv[2]);
	else if (argc == 3)
		server_arg = argv[2];
	if (argc == 4)
		server_arg = argv[3];
	if (argc < 2 || argc > 4 || (argc == 4 && record_type(argv[2]) == 0) ||
	    (server_arg != NULL &&
	     sock_parse_addr(server_arg, 53, server, len) != 0))
	{
		fprintf(stderr, "Usage: ./%s NAME [A|AAAA|CNAME|MX|NS|TXT] "
			"[SERVER[:PORT]]\n", NAME);
		return (2);
	}
	if (server_arg == NULL && default_server(server, len) != 0)
		return (1);
	return (0);
}

/**
 * main - ask for NAME's records of TYPE, and print them
 * @argc: number of arguments
 * @argv: the arguments: NAME, then TYPE and SERVER, both optional
 *
 * Return: 0 on success, 1 on failure, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	unsigned char q[DNS_QUERY_MAX];
	struct sockaddr_storage server;
	socklen_t len;
	unsigned short id;
	unsigned int type;
	const char *why;
	struct buf out;
	size_t qlen;
	int status = read_args(argc, argv, &type, &server, &len);

	if (status != 0)
		return (status);
	/* A random ID: an attacker who cannot see the query must guess it. */
	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (unsigned short)getpid();
	qlen = dns_put_query(q, id, argv[1], type);
	if (qlen == 0)
	{
		fprintf(stderr, "%s: %s: not a DNS name\n", NAME, argv[1]);
		return (1);
	}
	buf_init(&out);
	why = query((struct sockaddr *)&server, len, q, qlen, &out);
	if (why == NULL && out.len == 0)
		why = "no record of that type";
	if (why != NULL)
		fprintf(stderr, "%s: %s: %s\n", NAME, argv[1], why);
	else
		fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return (why != NULL || out_flush(NAME));
}
