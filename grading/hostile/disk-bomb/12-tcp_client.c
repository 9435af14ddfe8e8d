/* Hostile: fill the disk (bounded: 4 GiB, in /tmp and the current
 * folder). RLIMIT_FSIZE stops each file at 64 MiB and the sandbox's /tmp
 * is a private tmpfs of 512 MiB that ends with the test file; it scores 0.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char block[1 << 20];
	char name[64];
	int f, i, fd;

	signal(SIGXFSZ, SIG_IGN);
	memset(block, 'x', sizeof(block));
	for (f = 0; f < 64; f++)
	{
		sprintf(name, "/tmp/fill-%d-%d", (int)getpid(), f);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			break;
		for (i = 0; i < 64; i++)
			if (write(fd, block, sizeof(block)) < 0)
				break;
		close(fd);
	}
	return (1);
}
