#ifndef LIB_TIMEOUT_H
#define LIB_TIMEOUT_H

/* Given plumbing (lib/timeout.c): used by every exercise but 107. */

/* Every client gives up after these many milliseconds unless the
 * environment variable NET_TIMEOUT (seconds, decimals allowed) says less
 * or more. Connecting alone may take at most CONNECT_TIMEOUT_MS.
 */
#define TOTAL_TIMEOUT_MS 30000L
#define CONNECT_TIMEOUT_MS 10000L

long timeout_env_ms(const char *name, long default_ms);
long timeout_total_ms(void);
long timeout_now_ms(void);
long timeout_connect_ms(long total_ms);

#endif /* LIB_TIMEOUT_H */
