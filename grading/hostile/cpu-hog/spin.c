/* Hostile: starve the other students of a class. Appended to a reference
 * solution (grading/tests/hostile.bats does it), this runs before main():
 * it starts SPINNERS processes that keep the CPU busy for as long as they
 * live, then goes on as the reference does. Graded beside another student
 * with --class, it has dozens of runnable processes against the other's
 * one or two: shared out per process, the other's programs and servers
 * get a sliver of the CPU and miss their deadlines. Each test file's
 * cgroup has the same CPU weight, so the other still gets half.
 */
#include <unistd.h>

#define SPINNERS 48

static void spin(void) __attribute__((constructor));

static void spin(void)
{
	volatile unsigned long n = 0;
	int i;

	for (i = 0; i < SPINNERS; i++)
		if (fork() == 0)
			for (;;)
				n++;
}
