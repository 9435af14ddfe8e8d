/* Hostile: compile the reference solution instead of one's own. The
 * clean room holds no reference: this must not compile.
 */
#include "lib/../12-tcp_client.c"
