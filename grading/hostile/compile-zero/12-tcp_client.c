/* Hostile: make the compiler read for ever (and grow to gigabytes). The
 * compile is capped in memory and time: it fails, quickly.
 */
#include "/dev/zero"
