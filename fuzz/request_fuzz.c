/*
 * request_fuzz - libFuzzer harness for lib/server/request.c
 *
 * Feeds any bytes to request_parse(), as a server receives them, and
 * checks what comes out: a known status; for a complete head, a length
 * within what was given and non-empty method and target; then takes the
 * path out of the target with request_path() and checks that no path it
 * accepts could leave the served directory: relative, no "." or ".."
 * segment, no backslash, no control character. Run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/server/request.h"

/**
 * check_path - abort unless @path is safe to open below a directory
 * @path: what request_path() accepted
 */
static void check_path(const char *path)
{
	const char *seg = path, *end;
	size_t len;

	if (path[0] == '/')
		abort();
	for (; *seg != '\0'; seg = *end ? end + 1 : end)
	{
		end = seg + strcspn(seg, "/");
		len = end - seg;
		if ((len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			abort();
	}
	for (; *path != '\0'; path++)
		if ((unsigned char)*path < ' ' || *path == 0x7f || *path == '\\')
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[REQUEST_MAX_HEAD];
	char path[256];
	struct request_head req;
	int status, p;

	if (size > sizeof(buf))
		size = sizeof(buf);
	memcpy(buf, data, size);
	status = request_parse(buf, size, &req);
	if (status != 0 && status != REQUEST_INCOMPLETE && status != 400 &&
	    status != 414 && status != 431 && status != 505)
		abort();
	if (status != 0)
		return (0);
	if (req.head_len == 0 || req.head_len > size || req.method[0] == '\0' ||
	    req.target[0] == '\0')
		abort();
	p = request_path(req.target, path, sizeof(path));
	if (p == 0)
		check_path(path);
	else if (p != 400 && p != 403 && p != 414)
		abort();
	return (0);
}
