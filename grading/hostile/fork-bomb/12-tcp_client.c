/* Hostile: a fork bomb (bounded: 100,000 forks at most, each child
 * sleeping 2 s). RLIMIT_NPROC stops it at 64 processes of its user; it
 * scores 0 and the machine does not notice.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int i, made = 0;

	for (i = 0; i < 100000; i++)
	{
		pid_t pid = fork();

		if (pid == 0)
		{
			sleep(2);
			_exit(0);
		}
		if (pid < 0)
			break;
		made++;
	}
	fprintf(stderr, "forked %d\n", made);
	return (1);
}
