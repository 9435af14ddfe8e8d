/*
 * dns_fuzz - libFuzzer harness for 108-dns_query's reading of answers
 *
 * Feeds any bytes to read_answer() as the answer to a fixed query
 * ("example.test" A), then to get_name() from each of the first 64
 * offsets, as a server could send them: no crash, no read outside the
 * message (AddressSanitizer), no endless pointer chain, and no name
 * accepted longer than 255 bytes. The exercise's own file is included, so
 * that its static functions are the ones tested. Run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#define main dns_query_main
#include "../108-dns_query.c"
#undef main

/**
 * LLVMFuzzerTestOneInput - read one input as a DNS answer
 * @data: the bytes
 * @size: how many
 *
 * Return: 0.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char q[QUERY_MAX];
	size_t qlen = put_query(q, 0x1234, "example.test", T_A), i;
	struct message m = {NULL, 0, 0, NULL};
	char name[MAX_NAME + 1];
	struct buf out;
	int truncated;

	m.data = data;
	m.len = size;
	buf_init(&out);
	read_answer(&m, q, qlen, &out, &truncated);
	buf_free(&out);
	for (i = 0; i < size && i < 64; i++)
	{
		m.pos = i;
		m.why = NULL;
		if (get_name(&m, name) == 0 && strlen(name) > MAX_NAME)
			abort();
	}
	return (0);
}
