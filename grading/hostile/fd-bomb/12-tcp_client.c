/* Hostile: open sockets until nothing is left (bounded: 1,000,000).
 * RLIMIT_NOFILE stops it at 16,384; it scores 0.
 */
#include <stdio.h>
#include <sys/socket.h>

int main(void)
{
	int i, n = 0;

	for (i = 0; i < 1000000; i++)
	{
		if (socket(AF_INET, SOCK_STREAM, 0) < 0)
			break;
		n++;
	}
	fprintf(stderr, "opened %d\n", n);
	return (1);
}
