/*
 * dns_fuzz - libFuzzer harness for 108-dns_query's reading of answers
 * (lib/dns/message.c)
 *
 * Feeds any bytes to dns_read_answer() as the answer to a fixed query
 * ("example.test" A), then to dns_get_name() from each of the first 64
 * offsets, as a server could send them: no crash, no read outside the
 * message (AddressSanitizer), no endless pointer chain, and no name
 * accepted longer than 255 bytes. Run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dns/message.h"
#include "lib/dns/name.h"

/**
 * LLVMFuzzerTestOneInput - read one input as a DNS answer
 * @data: the bytes
 * @size: how many
 *
 * Return: 0.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char q[DNS_QUERY_MAX];
	size_t qlen = dns_put_query(q, 0x1234, "example.test", DNS_T_A), i;
	struct dns_message m = {NULL, 0, 0, NULL};
	char name[DNS_MAX_TEXT];
	struct buf out;
	int truncated;

	m.data = data;
	m.len = size;
	buf_init(&out);
	dns_read_answer(&m, q, qlen, &out, &truncated);
	buf_free(&out);
	for (i = 0; i < size && i < 64; i++)
	{
		m.pos = i;
		m.why = NULL;
		if (dns_get_name(&m, name) == 0 && strlen(name) >= DNS_MAX_TEXT)
			abort();
	}
	return (0);
}
