/* Hostile: escape the cleanup by forking twice, leaving the session and
 * sleeping past the end of the test file, then come back to harm the
 * next grading. The test file's PID namespace ends with it, and
 * everything in it: the test checks that no process of the grader's
 * users is left.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	int i;

	if (fork() == 0)
	{
		setsid();
		if (fork() == 0)
		{
			close(0);
			close(1);
			close(2);
			for (i = 0; i < 120; i++)
				sleep(1);
			if (getuid() != 0)
				kill(-1, SIGKILL);
			exit(0);
		}
		exit(0);
	}
	return (1);
}
