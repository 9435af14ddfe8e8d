/* Hostile: buy a score with memory that belongs to no process. Appended
 * to the reference 12-tcp_client.c (grading/tests/hostile.bats does it),
 * this runs before main(): it fills three System V shared memory segments
 * of 512 MiB, detaching each before the next, and never removes them, so
 * that no process holds more than 512 MiB at a time while 1.5 GiB stays
 * taken after it exits. The program runs only if all three were filled.
 * A cap per process (AddressSanitizer's RSS limit) lets it through with
 * full marks; the test file's memory cgroup, charged for the segments,
 * stops it, and it scores what it earns without the memory: 0. The
 * segments end with the sandbox's IPC namespace. Bounded even without a
 * sandbox: every run takes the same three keys, so the segments of one
 * run are those of the next, 1.5 GiB in all.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define SEGMENTS 3
#define SEGMENT_BYTES (512UL << 20)
#define FIRST_KEY 0x6e657467

static void hog(void) __attribute__((constructor));

static void hog(void)
{
	int i, id;
	char *p;

	for (i = 0; i < SEGMENTS; i++)
	{
		id = shmget(FIRST_KEY + i, SEGMENT_BYTES, IPC_CREAT | 0600);
		if (id < 0)
			exit(1);
		p = shmat(id, NULL, 0);
		if (p == (void *)-1)
			exit(1);
		memset(p, 1, SEGMENT_BYTES);
		shmdt(p);
	}
}
