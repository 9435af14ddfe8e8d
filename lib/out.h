#ifndef LIB_OUT_H
#define LIB_OUT_H

int out_flush(const char *name);

#endif /* LIB_OUT_H */
