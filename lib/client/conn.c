/*
 * conn.c - a client connection that never waits past its deadline:
 * connected by lib/client/connect.c (the getaddrinfo() loop), read and
 * written with poll(), and TLS with OpenSSL (SNI, certificate and host
 * name verification against the system's CAs, or SSL_CERT_FILE's).
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/conn.h is its given API). Used by 4-7.
 *
 * Every function returns -1 on failure after writing one line saying why
 * in c->err: the caller prints it.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "lib/client/conn.h"
#include "lib/client/connect.h"
#include "lib/timeout.h"

/**
 * conn_fail - write the reason of a failure
 * @c: the connection
 * @format: printf-style format of the reason
 *
 * Return: -1, so that callers can write "return (conn_fail(...));".
 */
int conn_fail(struct conn *c, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsnprintf(c->err, c->err_size, format, ap);
	va_end(ap);
	return (-1);
}

/**
 * conn_wait - wait until the socket is ready, or the deadline
 * @c: the connection
 * @events: POLLIN or POLLOUT
 * @until: the deadline of this wait
 *
 * Return: 0 when ready, -1 on timeout (c->err says so).
 */
static int conn_wait(struct conn *c, short events, long until)
{
	if (connect_wait(c->fd, events, until) == 0)
		return (0);
	return (conn_fail(c, "%s", errno == ETIMEDOUT ? "timed out" :
			  strerror(errno)));
}

/**
 * conn_open - connect to @host:@port (lib/client/connect.c)
 * @c: the connection to fill in (c->deadline, c->err must be set)
 * @host: a name, an IPv4 or an IPv6 address
 * @port: the port, as text
 * @connect_ms: how long connecting may take
 *
 * Return: 0 on success, -1 on failure.
 */
int conn_open(struct conn *c, const char *host, const char *port,
	      long connect_ms)
{
	long until = timeout_now_ms() + connect_ms;

	c->ctx = NULL;
	c->ssl = NULL;
	if (until > c->deadline)
		until = c->deadline;
	c->fd = connect_to(host, port, until, c->err, c->err_size);
	return (c->fd < 0 ? -1 : 0);
}

/**
 * tls_error - describe why a TLS handshake failed
 * @c: the connection
 * @host: the server's name
 *
 * Return: -1.
 */
static int tls_error(struct conn *c, const char *host)
{
	long verify = SSL_get_verify_result(c->ssl);
	unsigned long e = ERR_get_error();

	ERR_clear_error();
	if (verify != X509_V_OK)
		return (conn_fail(c, "TLS: certificate of %s not trusted: %s",
				  host, X509_verify_cert_error_string(verify)));
	if (e != 0)
		return (conn_fail(c, "TLS handshake with %s failed: %s", host,
				  ERR_reason_error_string(e)));
	return (conn_fail(c, "TLS handshake with %s failed", host));
}

/**
 * tls_setup - make the TLS session: trusted CAs, SNI, host name check
 * @c: the connection
 * @host: the name (or address) the certificate must be for
 *
 * Return: 0 on success, -1 on failure.
 */
static int tls_setup(struct conn *c, const char *host)
{
	unsigned char addr[16];
	int is_ip = inet_pton(AF_INET, host, addr) == 1 ||
		    inet_pton(AF_INET6, host, addr) == 1;

	c->ctx = SSL_CTX_new(TLS_client_method());
	if (c->ctx == NULL)
		return (conn_fail(c, "TLS: out of memory"));
	/* The system's CAs; OpenSSL reads SSL_CERT_FILE itself if set. */
	SSL_CTX_set_default_verify_paths(c->ctx);
	SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
	c->ssl = SSL_new(c->ctx);
	if (c->ssl == NULL || SSL_set_fd(c->ssl, c->fd) != 1)
		return (conn_fail(c, "TLS: out of memory"));
	if (is_ip)
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl), host);
	else if (SSL_set_tlsext_host_name(c->ssl, host) != 1 ||
		 SSL_set1_host(c->ssl, host) != 1)
		return (conn_fail(c, "TLS: bad host name %s", host));
	return (0);
}

/**
 * conn_start_tls - the TLS handshake, with certificate verification
 * @c: a connected conn
 * @host: the name (or address) the certificate must be for
 *
 * Return: 0 on success, -1 on failure.
 */
int conn_start_tls(struct conn *c, const char *host)
{
	int rc, why;

	if (tls_setup(c, host) != 0)
		return (-1);
	while ((rc = SSL_connect(c->ssl)) != 1)
	{
		why = SSL_get_error(c->ssl, rc);
		if (why == SSL_ERROR_WANT_READ)
			rc = conn_wait(c, POLLIN, c->deadline);
		else if (why == SSL_ERROR_WANT_WRITE)
			rc = conn_wait(c, POLLOUT, c->deadline);
		else
			return (tls_error(c, host));
		if (rc != 0)
			return (-1);
	}
	return (0);
}

/**
 * conn_read - read what has arrived, waiting for something if need be
 * @c: the connection
 * @buf: where to put it
 * @n: at most this many bytes
 *
 * Return: the number of bytes read, 0 at the end of the stream, -1 on
 * failure.
 */
ssize_t conn_read(struct conn *c, void *buf, size_t n)
{
	ssize_t got;
	int why;

	for (;;)
	{
		if (c->ssl == NULL)
		{
			got = recv(c->fd, buf, n, 0);
			if (got >= 0)
				return (got);
			if (errno != EAGAIN && errno != EINTR)
				return (conn_fail(c, "cannot read: %s",
						  strerror(errno)));
			why = SSL_ERROR_WANT_READ;
		}
		else
		{
			got = SSL_read(c->ssl, buf, n > 65536 ? 65536 : n);
			if (got > 0)
				return (got);
			why = SSL_get_error(c->ssl, got);
			/* Closed, with or without close_notify: the end. */
			if (why == SSL_ERROR_ZERO_RETURN ||
			    (why == SSL_ERROR_SYSCALL && ERR_peek_error() == 0))
				return (0);
		}
		if (why != SSL_ERROR_WANT_READ && why != SSL_ERROR_WANT_WRITE)
			return (conn_fail(c, "TLS: cannot read: %s",
					  ERR_reason_error_string(
						  ERR_get_error())));
		if (conn_wait(c, why == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
			      c->deadline) != 0)
			return (-1);
	}
}

/**
 * conn_write - send all of @buf, however many writes it takes
 * @c: the connection
 * @buf: the bytes
 * @n: how many
 *
 * Return: 0 on success, -1 on failure.
 */
int conn_write(struct conn *c, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t sent;
	int why = SSL_ERROR_WANT_WRITE;

	while (n > 0)
	{
		if (c->ssl == NULL)
		{
			sent = send(c->fd, p, n, MSG_NOSIGNAL);
			if (sent < 0 && errno != EAGAIN && errno != EINTR)
				return (conn_fail(c, "cannot send: %s",
						  strerror(errno)));
		}
		else
		{
			sent = SSL_write(c->ssl, p, n > 65536 ? 65536 : n);
			why = sent > 0 ? 0 : SSL_get_error(c->ssl, sent);
			if (sent <= 0 && why != SSL_ERROR_WANT_READ &&
			    why != SSL_ERROR_WANT_WRITE)
				return (conn_fail(c, "TLS: cannot send"));
		}
		if (sent > 0)
		{
			p += sent;
			n -= sent;
		}
		else if (conn_wait(c, why == SSL_ERROR_WANT_READ ? POLLIN :
				   POLLOUT, c->deadline) != 0)
			return (-1);
	}
	return (0);
}

/**
 * conn_close - close the connection and free its TLS state
 * @c: the connection
 */
void conn_close(struct conn *c)
{
	if (c->ssl != NULL)
		SSL_free(c->ssl);
	if (c->ctx != NULL)
		SSL_CTX_free(c->ctx);
	if (c->fd >= 0)
		close(c->fd);
	c->ssl = NULL;
	c->ctx = NULL;
	c->fd = -1;
}
