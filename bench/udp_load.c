/*
 * udp_load - datagrams per second through a UDP echo server
 *
 * Usage: udp_load PORT WINDOW SECONDS
 *
 * Keeps WINDOW datagrams of 32 bytes in flight to 127.0.0.1:PORT from one
 * socket: each echo that comes back lets one more go. A datagram not
 * answered within 200 ms is counted lost and replaced, so the window
 * never shrinks. Prints "sent N received N lost N rate R" (R: echoes per
 * second) and exits 1 if more than 1 % were lost.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/**
 * now_ms - a monotonic clock in milliseconds
 *
 * Return: the time.
 */
static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec * 1000L + t.tv_nsec / 1000000L);
}

/**
 * main - run the load
 * @argc: number of arguments
 * @argv: PORT WINDOW SECONDS
 *
 * Return: 0, 1 if too many were lost, 2 on wrong arguments.
 */
int main(int argc, char **argv)
{
	char data[32], reply[64];
	struct sockaddr_in to;
	struct pollfd p;
	long sent = 0, received = 0, lost = 0, start, end, window, i;
	int fd;

	if (argc != 4)
	{
		fprintf(stderr, "Usage: udp_load PORT WINDOW SECONDS\n");
		return (2);
	}
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = htons(atoi(argv[1]));
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	window = atol(argv[2]);
	memset(data, 'x', sizeof(data));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)) != 0)
	{
		perror("udp_load");
		return (1);
	}
	p.fd = fd;
	p.events = POLLIN;
	start = now_ms();
	end = start + atol(argv[3]) * 1000L;
	for (i = 0; i < window; i++, sent++)
		send(fd, data, sizeof(data), 0);
	while (now_ms() < end)
	{
		if (poll(&p, 1, 200) == 0)
			lost++;
		else if (recv(fd, reply, sizeof(reply), 0) > 0)
			received++;
		else
			lost++;
		send(fd, data, sizeof(data), 0);
		sent++;
	}
	printf("sent %ld received %ld lost %ld rate %.0f\n", sent, received,
	       lost, received * 1000.0 / (now_ms() - start));
	close(fd);
	return (lost * 100 > sent);
}
