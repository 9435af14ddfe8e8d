/* Hostile: claim passed tests by writing TAP lines on every descriptor
 * that might be bats' TAP stream (fd 3 and above), and on stdout. The
 * program gets no descriptor above 2, and only the test numbers 1..12
 * count, once each, read from bats' own output: it scores what its
 * printing earns (nothing).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char line[64];
	int fd, n;

	for (fd = 0; fd < 64; fd++)
		for (n = 1; n <= 100; n++)
		{
			sprintf(line, "ok %d forged\n", n);
			if (write(fd, line, strlen(line)) < 0)
				break;
		}
	return (1);
}
