/* Hostile: buy a score with memory. Appended to the reference
 * 12-tcp_client.c (grading/tests/hostile.bats does it), this runs before
 * main(): three children each take 512 MiB (under AddressSanitizer's
 * limit of 1 GiB per process), and the program runs only if all three
 * held theirs at once, 1.5 GiB in all. A cap per process lets it through
 * with full marks; a cap on everything the test file runs (a cgroup of
 * 1 GiB) stops it, and it scores what it earns without the memory: 0.
 */
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define HOGS 3
#define HOG_BYTES (512UL << 20)

static void hog(void) __attribute__((constructor));

static void hog(void)
{
	pid_t pids[HOGS];
	int held[2], i, all = 1;
	char byte;
	char *p;

	if (pipe(held) != 0)
		_exit(1);
	for (i = 0; i < HOGS; i++)
	{
		pids[i] = fork();
		if (pids[i] == 0)
		{
			p = malloc(HOG_BYTES);
			if (p == NULL)
				_exit(1);
			memset(p, 1, HOG_BYTES);
			write(held[1], "x", 1);
			sleep(1);
			_exit(0);
		}
	}
	close(held[1]);
	for (i = 0; i < HOGS && all; i++)
		all = read(held[0], &byte, 1) == 1;
	for (i = 0; i < HOGS; i++)
	{
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
	close(held[0]);
	if (!all)
		_exit(1);
}
