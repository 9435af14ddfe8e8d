/*
 * timeout.c - the one knob that bounds how long any client may run.
 *
 * Given plumbing: no exercise teaches it. Used by every exercise but
 * 107-resolve, whose getaddrinfo() cannot be given a time limit.
 */
#include <stdlib.h>
#include <time.h>

#include "lib/timeout.h"

/**
 * timeout_env_ms - read a time limit from the environment
 * @name: the variable, such as "NET_TIMEOUT" (seconds, for example "30"
 *        or "0.5")
 * @default_ms: the limit when it is unset or empty
 *
 * Return: the limit in milliseconds, or -1 if the variable is set but is
 * not a positive number of seconds of at most a day.
 */
long timeout_env_ms(const char *name, long default_ms)
{
	const char *s = getenv(name);
	char *end;
	double seconds;

	if (s == NULL || *s == '\0')
		return (default_ms);
	seconds = strtod(s, &end);
	if (*end != '\0' || !(seconds > 0.0) || seconds > 86400.0)
		return (-1);
	if (seconds < 0.001)
		return (1);
	return ((long)(seconds * 1000.0));
}

/**
 * timeout_total_ms - how long a client may take in all
 *
 * Reads NET_TIMEOUT, so that tests and impatient people can shorten every
 * wait at once.
 *
 * Return: the limit in milliseconds, or -1 if NET_TIMEOUT is not valid.
 */
long timeout_total_ms(void)
{
	return (timeout_env_ms("NET_TIMEOUT", TOTAL_TIMEOUT_MS));
}

/**
 * timeout_connect_ms - how long connecting may take
 * @total_ms: the total limit from timeout_total_ms()
 *
 * Return: CONNECT_TIMEOUT_MS, or @total_ms if that is shorter.
 */
long timeout_connect_ms(long total_ms)
{
	return (total_ms < CONNECT_TIMEOUT_MS ? total_ms : CONNECT_TIMEOUT_MS);
}

/**
 * timeout_now_ms - a clock in milliseconds that never jumps back, for
 * deadlines (unlike the time of day, which the system may change)
 *
 * Return: milliseconds since some fixed point.
 */
long timeout_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}
