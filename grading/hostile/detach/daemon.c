/* Hostile: a program that leaves something behind. Appended to the
 * reference 12-tcp_client.c (grading/tests/hostile.bats does it), this
 * runs before main(): it forks twice and leaves its session (setsid()),
 * so that killing the program's process group misses it, closes its
 * standard streams, and once the program is gone kills every process its
 * user may signal, ten times a second for 20 s: the same student's next
 * runs in the test file. A grader that lets it live scores the later
 * tests 0; one that kills whatever a run left behind gives the program
 * what it earns (full marks).
 */
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

static void detach(void) __attribute__((constructor));

static void detach(void)
{
	pid_t program = getpid();
	int i;

	if (fork() != 0)
		return;
	setsid();
	if (fork() != 0)
		_exit(0);
	close(0);
	close(1);
	close(2);
	while (kill(program, 0) == 0)
		usleep(10000);
	for (i = 0; i < 200; i++)
	{
		kill(-1, SIGKILL);
		usleep(100000);
	}
	_exit(0);
}
