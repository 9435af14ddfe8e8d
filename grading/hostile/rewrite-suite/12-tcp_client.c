/* Hostile: rewrite the tests, bats, the grader's wrappers and the files
 * the next grading will use. The suite, bats and the wrappers are
 * read-only and root's; the test checks that nothing changed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void spoil(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	if (fd >= 0 && write(fd, "\n@test forged { true; }\n", 24) > 0)
		printf("REWROTE %s\n", path);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	static const char *const paths[] = {"/suite/tests/12-tcp_client.bats",
		"/suite/tests/helper.bash", "/suite/servers/mock_server.py",
		"/usr/bin/bats", "/usr/lib/bats-core/test_functions.bash",
		"/grader/run-untrusted", "/grader/run/12-tcp_client",
		"/grader/bin/12-tcp_client", "/tmp/bats/test_list_file.txt",
		"/etc/passwd"};
	const char *env = getenv("BATS_TEST_FILENAME");
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		spoil(paths[i]);
	if (env != NULL)
		spoil(env);
	return (1);
}
