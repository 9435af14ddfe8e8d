/* Hostile: take all the memory there is (bounded: 16 GiB at most, in
 * 64 MiB pieces, each touched). AddressSanitizer's hard RSS limit stops
 * it at 1 GiB; it scores 0.
 */
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t piece = 64UL << 20;
	int i;

	for (i = 0; i < 256; i++)
	{
		char *p = malloc(piece);

		if (p == NULL)
			break;
		memset(p, i, piece);
	}
	return (1);
}
