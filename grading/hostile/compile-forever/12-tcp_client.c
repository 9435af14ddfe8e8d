/* Hostile: a compile that does not end in time, and prints nothing. Each
 * level includes this file twice, forty levels deep: 2^40 files for the
 * preprocessor to read (its memory fills only after many seconds). The
 * compile is capped in time and memory, and a grading's --deadline
 * counts it: the grading ends on time.
 */
#if __INCLUDE_LEVEL__ < 40
#include __FILE__
#include __FILE__
#endif
