/*
 * http.c - HTTP/1.1 by hand: what libcurl does for exercises 0-3, done
 * over a socket (lib/client/conn.c) for exercises 4-7.
 *
 * Written in exercise 4 (4-hbtn_status): the student writes this file
 * (lib/client/http.h is its given API). Used by 4-7.
 *
 * One request per connection ("Connection: close"): connect
 * (lib/client/conn.c), write the request, read the response into memory:
 * status line and headers here (at most HTTP_MAX_HEADERS bytes), then the
 * body, framed by Content-Length, by chunks, or by the end of the
 * connection, and at most BUF_MAX_SIZE bytes (lib/client/body.c). The
 * bytes come through lib/client/reader.c. Redirects (301, 302, 303,
 * 307, 308) are followed, at most HTTP_MAX_REDIRECTS: 301-303 turn a POST
 * into a GET, 307 and 308 keep method and body. Proxies are not: that is
 * libcurl's work (exercises 0-3).
 *
 * Whatever the server sends is checked: a response that breaks the rules
 * is an error with a reason, never a crash, a hang or unbounded memory.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/client/body.h"
#include "lib/client/conn.h"
#include "lib/client/head.h"
#include "lib/client/http.h"
#include "lib/client/reader.h"
#include "lib/client/url.h"
#include "lib/timeout.h"

/**
 * http_read_response - read a whole response from a connection: its head,
 * then its body
 * @c: the connection (at the start of a response)
 * @method: the request's method (a HEAD response has no body)
 * @res: where the status, headers and body go
 *
 * Return: 0 on success, -1 on failure (c->err says why).
 */
int http_read_response(struct conn *c, const char *method,
		       struct http_response *res)
{
	struct reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.c = c;
	rc = head_read(&r, res);
	if (rc == 0)
		rc = body_read(&r, method, res);
	buf_free(&r.data);
	return (rc);
}

/**
 * send_request - write the request line, the headers and the body
 * @c: the connection
 * @req: the request (its method and body may differ from the first
 *       request's after a redirect)
 * @u: the URL, parsed
 *
 * Return: 0 on success, -1 on failure.
 */
static int send_request(struct conn *c, const struct http_request *req,
			const struct url *u)
{
	struct buf head;
	int v6 = strchr(u->host, ':') != NULL, rc;

	buf_init(&head);
	rc = buf_printf(&head, "%s %s HTTP/1.1\r\nHost: %s%s%s%s%s\r\n"
			"User-Agent: %s/1.0\r\nAccept: */*\r\n"
			"Connection: close\r\n", req->method, u->target,
			v6 ? "[" : "", u->host, v6 ? "]" : "",
			url_default_port(u) ? "" : ":",
			url_default_port(u) ? "" : u->port, req->agent);
	if (rc == 0)
		rc = buf_printf(&head, "%s\r\n", req->fields ? req->fields : "");
	if (rc != 0)
		rc = conn_fail(c, "out of memory");
	else
		rc = conn_write(c, head.data, head.len);
	if (rc == 0 && req->body != NULL)
		rc = conn_write(c, req->body, req->body_len);
	buf_free(&head);
	return (rc);
}

/**
 * next_request - turn a redirect into the next request, if it is one
 * @c: for errors
 * @req: the request, changed for the next one (POST to GET on 301-303)
 * @url: the current URL, replaced by the redirect's target
 * @res: the response, with its status and its Location field
 *
 * A redirect without a Location is a broken response: an error.
 *
 * Return: 1 to follow, 0 if the response is the final one, -1 on failure.
 */
static int next_request(struct conn *c, struct http_request *req, char *url,
			const struct http_response *res)
{
	char location[URL_MAX], next[URL_MAX];
	int status = res->status;
	size_t from = 0, len;
	const char *to = head_field(&res->headers, "Location", &from, &len);

	if (status != 301 && status != 302 && status != 303 && status != 307 &&
	    status != 308)
		return (0);
	if (to == NULL)
		return (conn_fail(c, "a %d redirect without a Location header",
				  status));
	if (len >= sizeof(location))
		return (conn_fail(c, "a redirect to a URL that is too long"));
	sprintf(location, "%.*s", (int)len, to);
	if (url_resolve(url, location, next, sizeof(next)) != 0)
		return (conn_fail(c, "a redirect to a URL that is too long"));
	if (strncasecmp(next, "http://", 7) != 0 &&
	    strncasecmp(next, "https://", 8) != 0)
		return (conn_fail(c, "a redirect to a URL that is not http://"
				  " or https://: %.60s", next));
	if (status <= 303 && strcmp(req->method, "HEAD") != 0)
	{
		/* The body, and the fields that describe it, go too. */
		req->method = "GET";
		req->fields = NULL;
		req->body = NULL;
		req->body_len = 0;
	}
	strcpy(url, next);
	return (1);
}

/**
 * exchange - one request and its response, on a new connection
 * @c: the connection (opened and closed here)
 * @req: the request (changed for the next one if this is a redirect)
 * @url: its URL (replaced by the redirect's target if it is one)
 * @res: where the response goes
 *
 * Return: 1 if the response is a redirect to follow, 0 if it is the final
 * response, -1 on failure.
 */
static int exchange(struct conn *c, struct http_request *req, char *url,
		    struct http_response *res)
{
	struct url u;
	const char *why;
	int rc;

	if (url_parse(url, &u, &why) != 0)
		return (conn_fail(c, "%s: %s", why, url));
	c->fd = -1;
	c->ctx = NULL;
	c->ssl = NULL;
	rc = conn_open(c, u.host, u.port,
		       timeout_connect_ms(c->deadline - timeout_now_ms()));
	if (rc == 0 && u.tls)
		rc = conn_start_tls(c, u.host);
	if (rc == 0)
		rc = send_request(c, req, &u);
	if (rc == 0)
		rc = http_read_response(c, req->method, res);
	if (rc == 0)
		rc = next_request(c, req, url, res);
	conn_close(c);
	return (rc);
}

/**
 * http_fetch - make a request, follow redirects, read the response
 * @req: the request
 * @res: where the final response goes (free it with
 *       http_response_free(), even after a failure)
 * @err: where the reason of a failure goes
 * @err_size: its size
 *
 * Everything must be over within NET_TIMEOUT seconds (default 30).
 *
 * Return: 0 on success (whatever the status), -1 on failure.
 */
int http_fetch(const struct http_request *req, struct http_response *res,
	       char *err, size_t err_size)
{
	struct http_request cur = *req;
	char url[URL_MAX];
	struct conn c;
	long total = timeout_total_ms();
	int redirects = 0, rc;

	memset(res, 0, sizeof(*res));
	c.err = err;
	c.err_size = err_size;
	if (total < 0)
		return (conn_fail(&c, "NET_TIMEOUT must be a number of"
				  " seconds"));
	c.deadline = timeout_now_ms() + total;
	if (strlen(req->url) >= sizeof(url))
		return (conn_fail(&c, "URL too long"));
	strcpy(url, req->url);
	while ((rc = exchange(&c, &cur, url, res)) == 1)
		if (++redirects > HTTP_MAX_REDIRECTS)
			return (conn_fail(&c, "too many redirects (more than"
					  " %d)", HTTP_MAX_REDIRECTS));
	return (rc);
}

/**
 * http_response_free - release what a response holds
 * @res: the response
 */
void http_response_free(struct http_response *res)
{
	buf_free(&res->headers);
	buf_free(&res->body);
}
