#ifndef LIB_OUT_H
#define LIB_OUT_H

/* Given plumbing (lib/out.c): used by 0-12, 100-102 and 106. */

int out_flush(const char *name);

#endif /* LIB_OUT_H */
