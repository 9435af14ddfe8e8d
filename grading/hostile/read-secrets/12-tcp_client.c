/* Hostile: read what a student must never see (the machine's password
 * hashes, the reference solutions, the tests' and the grader's files,
 * the grader's environment) and show it through the scorecard. None is
 * readable: the scorecard must hold no "LEAK" line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void try_read(const char *path)
{
	char text[64];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, text, sizeof(text) - 1);
	if (n > 0)
	{
		text[n] = '\0';
		printf("LEAK %s: %.40s\n", path, text);
		fprintf(stderr, "LEAK %s\n", path);
	}
	close(fd);
}

int main(int argc, char **argv)
{
	static const char *const paths[] = {"/etc/shadow", "/root/.bashrc",
		"/suite/tests/12-tcp_client.bats", "/suite/servers/apis.py",
		"/suite/../12-tcp_client.c", "/proc/1/environ",
		"/work/main/12-tcp_client.c", "/autograder/source/grade",
		"/grader/junit/report.xml"};
	size_t i;

	(void)argc;
	(void)argv;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		try_read(paths[i]);
	return (1);
}
