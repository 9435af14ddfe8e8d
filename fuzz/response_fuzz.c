/*
 * response_fuzz - libFuzzer harness for the response parser of lib/client/http.c
 *
 * Each input is what a server sends: it is written into one end of a
 * socket pair, that end is closed, and http_read_response() reads the
 * other end. Any crash, leak, overflow or hang is a bug. Run by
 * `make fuzz`.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "../lib/client/conn.h"
#include "../lib/client/http.h"
#include "../lib/sock.h"
#include "../lib/timeout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_response res;
	struct conn c;
	char err[256];
	int sv[2];

	/* A socket buffer holds this much without blocking the writer. */
	if (size > 65536 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return (0);
	if (write(sv[1], data, size) != (ssize_t)size)
		size = 0;
	close(sv[1]);
	memset(&c, 0, sizeof(c));
	memset(&res, 0, sizeof(res));
	c.fd = sv[0];
	c.err = err;
	c.err_size = sizeof(err);
	c.deadline = timeout_now_ms() + 1000;
	sock_nonblock(c.fd);
	if (http_read_response(&c, "GET", &res) != 0 && err[0] == '\0')
		__builtin_trap();
	http_response_free(&res);
	conn_close(&c);
	return (0);
}
