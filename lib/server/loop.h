#ifndef LIB_SERVER_LOOP_H
#define LIB_SERVER_LOOP_H

/* Written in exercise 13: the API of lib/server/loop.c (given). */

/* What a descriptor waits for, and what a callback is told. */
#define LOOP_READ 1
#define LOOP_WRITE 2
#define LOOP_TIMEOUT 4

struct loop;

/* Called with the events that happened (LOOP_READ, LOOP_WRITE, or
 * LOOP_TIMEOUT alone) and the pointer given to loop_add().
 *
 * An event is a hint, never a promise: a callback reads or writes until
 * EAGAIN, and takes an EAGAIN at once calmly. One round of the loop
 * dispatches what a single wait reported; if a callback closes a
 * descriptor and a later callback of the same round opens a new one, the
 * kernel may give the new one the same number, and the old one's event,
 * already reported, is then delivered to the new one's callback. Only a
 * callback that expects EAGAIN survives that.
 *
 * The functions that take a registered @fd ignore (or fail with EBADF)
 * a number that is not one; loop_add() fails with EBADF on a negative one.
 */
typedef void (*loop_cb)(struct loop *loop, int fd, int events, void *data);

struct loop *loop_new(void *data);
void *loop_data(struct loop *loop);
void loop_free(struct loop *loop);
int loop_add(struct loop *loop, int fd, int events, loop_cb cb, void *data);
int loop_watch(struct loop *loop, int fd, int events);
void loop_idle_timeout(struct loop *loop, int fd, long ms);
void loop_deadline(struct loop *loop, int fd, long ms);
void loop_before_wait(struct loop *loop, void (*cb)(struct loop *loop));
void loop_remove(struct loop *loop, int fd);
int loop_run(struct loop *loop);
void loop_stop(struct loop *loop);
int loop_stop_on_signals(struct loop *loop);

#endif /* LIB_SERVER_LOOP_H */
