/* Hostile: print without end (bounded: 2 GiB). The output is capped at
 * 4 MiB a stream, then the program is stopped; it scores 0, and the
 * tests' memory stays small.
 */
#include <string.h>
#include <unistd.h>

int main(void)
{
	char block[65536];
	int i;

	memset(block, 'x', sizeof(block));
	for (i = 0; i < 32768; i++)
		if (write(1, block, sizeof(block)) < 0)
			break;
	return (1);
}
