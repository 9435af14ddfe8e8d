/* Hostile: write the reports, then kill the grader. The reports are
 * written by the grader alone, where the program cannot reach, and the
 * program cannot signal any process but its own: it scores 0, and the
 * grading goes on. kill(-1) is only tried as an unprivileged user.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static void forge(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return;
	fprintf(f, "{\"score\": 1000, \"tests\": []}\n");
	fclose(f);
	printf("FORGED %s\n", path);
}

int main(void)
{
	forge("results.json");
	forge("scorecard.txt");
	forge("/grader/junit/report.xml");
	forge("/autograder/results/results.json");
	forge("/tmp/bats/report.xml");
	if (getuid() != 0)
	{
		kill(getppid(), SIGKILL);
		kill(1, SIGKILL);
		kill(-1, SIGKILL);
	}
	return (1);
}
