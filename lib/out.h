#ifndef LIB_OUT_H
#define LIB_OUT_H

/* Given plumbing (lib/out.c): used by 0-12, 100-102 and 106-108, and by
 * 11, 12, 13 and 14.
 */

#include <stddef.h>

int out_flush(const char *name);
void out_clean(char *text, size_t len);
void out_clean_text(char *text, size_t len);

#endif /* LIB_OUT_H */
