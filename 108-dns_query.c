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
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lib/buf.h"
#include "lib/out.h"
#include "lib/sock.h"
#include "lib/timeout.h"

#define NAME "108-dns_query"
#define MAX_MESSAGE 65535
#define MAX_NAME 255	/* the most bytes a name takes on the wire */
#define TRIES 3
#define DEFAULT_WAIT_MS 2000L
#define QUERY_MAX (12 + MAX_NAME + 4)	/* header, question */

/* The record types asked for and printed, and the class IN. */
#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define C_IN 1

/**
 * struct message - a DNS message received, and where its reading is
 * @data: its bytes
 * @len: how many
 * @pos: the next byte to read
 * @why: what was wrong with it, once something was
 */
struct message
{
	const unsigned char *data;
	size_t len;
	size_t pos;
	const char *why;
};

/**
 * fail - stop reading a message: say why
 * @m: the message
 * @why: the reason
 *
 * Return: -1.
 */
static int fail(struct message *m, const char *why)
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
static int get16(struct message *m, unsigned int *v)
{
	if (m->len - m->pos < 2)
		return (fail(m, "the message is cut short"));
	*v = (unsigned int)m->data[m->pos] << 8 | m->data[m->pos + 1];
	m->pos += 2;
	return (0);
}

/**
 * get_name - read a name, following compression pointers
 * @m: the message (its position moves past the name as written there)
 * @out: where to write the name, dotted, with a dot at the end
 *       (MAX_NAME + 1 bytes)
 *
 * A pointer (two bytes, 11 then 14 bits of offset) says "the rest of the
 * name is at this offset". It must point before every byte this name has
 * read so far: that is what makes a loop impossible.
 *
 * Return: 0, or -1 if the name is broken (m->why says how).
 */
static int get_name(struct message *m, char *out)
{
	size_t p = m->pos, lowest = m->pos, wire = 1, used = 0, len, to;
	int jumped = 0;

	for (;;)
	{
		if (p >= m->len)
			return (fail(m, "the message is cut short"));
		len = m->data[p];
		if ((len & 0xC0) == 0xC0)
		{
			if (p + 1 >= m->len)
				return (fail(m, "the message is cut short"));
			to = (len & 0x3F) << 8 | m->data[p + 1];
			if (to >= m->len)
				return (fail(m, "a compression pointer past the end"));
			if (to > p)
				return (fail(m, "a compression pointer forward"));
			if (to >= lowest)
				return (fail(m, "a compression pointer loop"));
			if (!jumped)
				m->pos = p + 2;
			jumped = 1;
			p = lowest = to;
			continue;
		}
		if (len > 63)
			return (fail(m, "a label longer than 63 bytes"));
		if (len == 0)
			break;
		wire += len + 1;
		if (wire > MAX_NAME)
			return (fail(m, "a name longer than 255 bytes"));
		if (p + 1 + len > m->len)
			return (fail(m, "the message is cut short"));
		memcpy(out + used, m->data + p + 1, len);
		used += len;
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

/**
 * put_query - write the query for NAME and TYPE
 * @q: where (QUERY_MAX bytes)
 * @id: the query's ID
 * @name: the name, such as "example.test" (a dot at the end is allowed)
 * @type: the record type
 *
 * Return: the query's length, or 0 if NAME cannot be a DNS name (an empty
 * label, a label over 63 bytes, over 255 bytes in all).
 */
static size_t put_query(unsigned char *q, unsigned int id, const char *name,
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
		if (len == 0 || len > 63 || pos - 12 + len + 2 > MAX_NAME)
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
	q[pos++] = C_IN;
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
static int add_record(struct buf *out, struct message *m, unsigned int type,
		      size_t len)
{
	const unsigned char *d = m->data + m->pos;
	char text[MAX_NAME + 1 > INET6_ADDRSTRLEN ? MAX_NAME + 1 :
		  INET6_ADDRSTRLEN];
	unsigned int pref;

	if ((type == T_A && len != 4) || (type == T_AAAA && len != 16))
		return (fail(m, "an address record of the wrong size"));
	if (type == T_A || type == T_AAAA)
		return (buf_printf(out, "%s\n", inet_ntop(type == T_A ? AF_INET :
			AF_INET6, d, text, sizeof(text))));
	if (type == T_NS || type == T_CNAME)
		return (get_name(m, text) != 0 ? -1 :
			buf_printf(out, "%s\n", text));
	if (type == T_MX)
		return (get16(m, &pref) != 0 || get_name(m, text) != 0 ? -1 :
			buf_printf(out, "%u %s\n", pref, text));
	if (add_text(out, d, len) != 0)
		return (fail(m, "a TXT string longer than its record"));
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
static int add_answers(struct buf *out, struct message *m, unsigned int count)
{
	char owner[MAX_NAME + 1];
	unsigned int type, class, ttl_hi, ttl_lo, len;
	size_t end;

	while (count-- > 0)
	{
		if (m->pos == m->len)
			return (fail(m, "ANCOUNT counts more records than the "
				     "message holds"));
		if (get_name(m, owner) != 0 || get16(m, &type) != 0 ||
		    get16(m, &class) != 0 || get16(m, &ttl_hi) != 0 ||
		    get16(m, &ttl_lo) != 0 || get16(m, &len) != 0)
			return (-1);
		if (len > m->len - m->pos)
			return (fail(m, "the message is cut short"));
		end = m->pos + len;
		if (class == C_IN && (type == T_A || type == T_AAAA ||
				      type == T_NS || type == T_CNAME ||
				      type == T_MX || type == T_TXT) &&
		    add_record(out, m, type, len) != 0)
			return (fail(m, "out of memory"));
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
static int same_question(struct message *m, const unsigned char *q,
			 size_t qlen)
{
	struct message ask = {NULL, 0, 12, NULL};
	char asked[MAX_NAME + 1], got[MAX_NAME + 1];
	unsigned int type, class, ask_type, ask_class;

	ask.data = q;
	ask.len = qlen;
	get_name(&ask, asked);
	get16(&ask, &ask_type);
	get16(&ask, &ask_class);
	if (get_name(m, got) != 0 || get16(m, &type) != 0 ||
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
 * read_answer - check an answer's header and question; write its records
 * @m: the answer
 * @q: the query
 * @qlen: its length
 * @out: where the records go
 * @truncated: set to 1 if TC is set (then nothing is read past the header)
 *
 * Return: 0, or -1 (m->why says why).
 */
static int read_answer(struct message *m, const unsigned char *q,
		       size_t qlen, struct buf *out, int *truncated)
{
	unsigned int id, flags, qdcount, ancount, skip;

	m->pos = 0;
	if (m->len < 12)
		return (fail(m, "the answer is shorter than a DNS header"));
	get16(m, &id);
	get16(m, &flags);
	get16(m, &qdcount);
	get16(m, &ancount);
	get16(m, &skip);	/* NSCOUNT and ARCOUNT: not read */
	get16(m, &skip);
	if (!(flags & 0x8000))
		return (fail(m, "the answer is not a response (QR is 0)"));
	*truncated = (flags & 0x0200) != 0;
	if (*truncated)
		return (0);
	if (qdcount != 1 || same_question(m, q, qlen) != 1)
		return (fail(m, m->why ? m->why : "an answer to another "
			     "question"));
	if ((flags & 0x000F) != 0)
		return (fail(m, rcode_reason(flags & 0x000F)));
	return (add_answers(out, m, ancount));
}

/**
 * ask_udp - send the query over UDP; wait for its answer, and try again
 * @fd: a UDP socket connected to the server
 * @q: the query
 * @qlen: its length
 * @r: where the answer goes (MAX_MESSAGE bytes)
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
			n = recv(fd, r, MAX_MESSAGE, 0);
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
 * @r: where the answer goes (MAX_MESSAGE bytes)
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
	unsigned char head[2], framed[2 + QUERY_MAX];
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
	static const unsigned int numbers[] = {T_A, T_NS, T_CNAME, T_MX, T_TXT,
		T_AAAA};
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
	static unsigned char r[MAX_MESSAGE];
	struct message m = {NULL, 0, 0, NULL};
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
	if (read_answer(&m, q, qlen, out, &truncated) != 0 || !truncated)
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
	if (read_answer(&m, q, qlen, out, &truncated) != 0)
		return (m.why);
	return (truncated ? "the answer is truncated even over TCP" : NULL);
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
	unsigned char q[QUERY_MAX];
	struct sockaddr_storage server;
	socklen_t len;
	unsigned short id;
	unsigned int type = T_A;
	const char *server_arg = NULL, *why;
	struct buf out;
	size_t qlen;

	if (argc >= 3 && record_type(argv[2]) != 0)
		type = record_type(argv[2]);
	else if (argc == 3)
		server_arg = argv[2];
	if (argc == 4)
		server_arg = argv[3];
	if (argc < 2 || argc > 4 || (argc == 4 && record_type(argv[2]) == 0) ||
	    (server_arg != NULL && sock_parse_addr(server_arg, 53, &server, &len) != 0))
	{
		fprintf(stderr, "Usage: ./%s NAME [A|AAAA|CNAME|MX|NS|TXT] "
			"[SERVER[:PORT]]\n", NAME);
		return (2);
	}
	if (server_arg == NULL && default_server(&server, &len) != 0)
		return (1);
	/* A random ID: an attacker who cannot see the query must guess it. */
	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (unsigned short)getpid();
	qlen = put_query(q, id, argv[1], type);
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
