/*
 * loop.c - a small event loop over epoll, shared by the event-driven
 * servers.
 *
 * Written in exercise 13 (13-async_server): the student writes this
 * file (lib/server/loop.h is its given API). Used by 13, 14, 15,
 * 103 and 104.
 *
 * A server registers each descriptor with a callback and a pointer
 * (loop_add), says what it waits for (loop_watch: reading, writing, both
 * or nothing), and may give it an idle timeout (loop_idle_timeout). Then
 * loop_run() waits and calls the callbacks until loop_stop().
 *
 * The design follows redis' ae.c: level-triggered epoll, so a callback
 * that reads only part of what is there is called again; errors and
 * hang-ups are reported as "readable", so the callback finds them with
 * read(); and before each callback the loop checks that the descriptor is
 * still registered, since an earlier callback in the same round may have
 * closed it.
 *
 * Timeouts are kept per descriptor, as a deadline. An idle timeout's
 * deadline is pushed back by every event on the descriptor; a fixed one
 * (loop_deadline) is not, so a client sending a byte at a time cannot
 * keep it off. Ten times a second the loop sweeps the table and calls the
 * callback of each descriptor whose deadline passed with LOOP_TIMEOUT. A
 * sweep costs one comparison per descriptor: nothing next to the system
 * calls, even with 10,000 connections.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

#include "lib/server/loop.h"
#include "lib/timeout.h"

#define MAX_EVENTS 256
#define SWEEP_MS 100

/**
 * struct watch - what the loop knows of one registered descriptor
 * @cb: its callback (NULL: not registered)
 * @data: the pointer given back to @cb
 * @events: what it waits for (LOOP_READ | LOOP_WRITE)
 * @idle_ms: its timeout, 0 for none
 * @fixed: 1 if events do not push the deadline back (loop_deadline)
 * @deadline: when it times out, in timeout_now_ms() milliseconds
 */
struct watch
{
	loop_cb cb;
	void *data;
	int events;
	int fixed;
	long idle_ms;
	long deadline;
};

/**
 * struct loop - an event loop
 * @epfd: the epoll instance
 * @watches: one entry per descriptor number, grown as needed
 * @size: number of entries in @watches
 * @stopped: set by loop_stop()
 * @sigfd: the signalfd of loop_stop_on_signals(), or -1
 * @data: the program's own pointer, for loop_data()
 * @before_wait: called before each wait for events, or NULL
 */
struct loop
{
	int epfd;
	int sigfd;
	void *data;
	void (*before_wait)(struct loop *loop);
	struct watch *watches;
	int size;
	int stopped;
};

/**
 * loop_new - create an event loop
 * @data: a pointer of the program's, which any callback can get back
 *        with loop_data() (typically the server's state)
 *
 * Return: the loop (free it with loop_free()), or NULL with errno set.
 */
struct loop *loop_new(void *data)
{
	struct loop *loop = calloc(1, sizeof(*loop));

	if (loop == NULL)
		return (NULL);
	loop->data = data;
	loop->sigfd = -1;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0)
	{
		free(loop);
		return (NULL);
	}
	return (loop);
}

/**
 * loop_data - the pointer given to loop_new()
 * @loop: the loop
 *
 * Return: that pointer.
 */
void *loop_data(struct loop *loop)
{
	return (loop->data);
}

/**
 * loop_free - release a loop (the descriptors in it are not closed)
 * @loop: the loop
 */
void loop_free(struct loop *loop)
{
	if (loop == NULL)
		return;
	close(loop->epfd);
	if (loop->sigfd >= 0)
	{
		close(loop->sigfd);
		/* The server is exiting: a second SIGTERM or SIGINT (timeout(1)
		 * sends two) must not stay pending, blocked, while it does; it
		 * would hang LeakSanitizer's exit check. Ignoring a signal
		 * discards its pending instances.
		 */
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
	}
	free(loop->watches);
	free(loop);
}

/**
 * epoll_events - translate LOOP_READ/LOOP_WRITE into epoll's flags
 * @events: LOOP_READ, LOOP_WRITE, both or neither
 *
 * Return: the epoll flags.
 */
static unsigned int epoll_events(int events)
{
	return ((events & LOOP_READ ? EPOLLIN : 0) |
		(events & LOOP_WRITE ? EPOLLOUT : 0));
}

/**
 * loop_add - register @fd: @cb(@data) is called when it is ready
 * @loop: the loop
 * @fd: the descriptor (best non-blocking)
 * @events: what to wait for: LOOP_READ, LOOP_WRITE, both, or 0
 * @cb: the callback
 * @data: given back to @cb; the loop does not own it
 *
 * Return: 0 on success, -1 with errno set.
 */
int loop_add(struct loop *loop, int fd, int events, loop_cb cb, void *data)
{
	struct epoll_event ev;
	struct watch *grown;
	int size;

	if (fd < 0)
	{
		errno = EBADF;
		return (-1);
	}
	if (fd >= loop->size)
	{
		size = loop->size ? loop->size : 64;
		while (size <= fd)
			size *= 2;
		grown = realloc(loop->watches, size * sizeof(*grown));
		if (grown == NULL)
			return (-1);
		memset(grown + loop->size, 0,
		       (size - loop->size) * sizeof(*grown));
		loop->watches = grown;
		loop->size = size;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = epoll_events(events);
	ev.data.fd = fd;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) != 0)
		return (-1);
	loop->watches[fd].cb = cb;
	loop->watches[fd].data = data;
	loop->watches[fd].events = events;
	loop->watches[fd].idle_ms = 0;
	return (0);
}

/**
 * registered - the watch of @fd, if @fd is registered
 * @loop: the loop
 * @fd: any number
 *
 * Return: its watch, or NULL (errno EBADF) if @fd is out of the table or
 * not registered.
 */
static struct watch *registered(struct loop *loop, int fd)
{
	if (fd < 0 || fd >= loop->size || loop->watches[fd].cb == NULL)
	{
		errno = EBADF;
		return (NULL);
	}
	return (&loop->watches[fd]);
}

/**
 * loop_watch - change what a registered @fd waits for
 * @loop: the loop
 * @fd: a registered descriptor
 * @events: LOOP_READ, LOOP_WRITE, both, or 0 (only its timeout)
 *
 * Return: 0 on success, -1 with errno set (EBADF: not registered).
 */
int loop_watch(struct loop *loop, int fd, int events)
{
	struct watch *w = registered(loop, fd);
	struct epoll_event ev;

	if (w == NULL)
		return (-1);
	if (w->events == events)
		return (0);
	memset(&ev, 0, sizeof(ev));
	ev.events = epoll_events(events);
	ev.data.fd = fd;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev) != 0)
		return (-1);
	w->events = events;
	return (0);
}

/**
 * loop_idle_timeout - call @fd's callback with LOOP_TIMEOUT after @ms
 * milliseconds without any event on it
 * @loop: the loop
 * @fd: a registered descriptor
 * @ms: the timeout; 0 for none
 */
void loop_idle_timeout(struct loop *loop, int fd, long ms)
{
	struct watch *w = registered(loop, fd);

	if (w == NULL)
		return;
	w->idle_ms = ms;
	w->fixed = 0;
	w->deadline = timeout_now_ms() + ms;
}

/**
 * loop_deadline - call @fd's callback with LOOP_TIMEOUT in @ms
 * milliseconds, whatever happens on it meanwhile
 * @loop: the loop
 * @fd: a registered descriptor
 * @ms: the time allowed; 0 for no deadline
 */
void loop_deadline(struct loop *loop, int fd, long ms)
{
	struct watch *w = registered(loop, fd);

	if (w == NULL)
		return;
	loop_idle_timeout(loop, fd, ms);
	w->fixed = 1;
}

/**
 * loop_before_wait - have @cb called each time the loop is about to wait
 * for events (redis calls it "beforesleep"): the place for work that is
 * best done once per round, such as flushing a log
 * @loop: the loop
 * @cb: the function, or NULL for none
 */
void loop_before_wait(struct loop *loop, void (*cb)(struct loop *loop))
{
	loop->before_wait = cb;
}

/**
 * loop_remove - forget @fd (call it before closing @fd)
 * @loop: the loop
 * @fd: a registered descriptor
 */
void loop_remove(struct loop *loop, int fd)
{
	if (registered(loop, fd) == NULL)
		return;
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
	memset(&loop->watches[fd], 0, sizeof(loop->watches[fd]));
}

/**
 * dispatch - call the callback of a descriptor that is ready
 * @loop: the loop
 * @ev: what epoll reported
 */
static void dispatch(struct loop *loop, const struct epoll_event *ev)
{
	int fd = ev->data.fd, events = 0;
	struct watch *w = &loop->watches[fd];

	/* An earlier callback in this round may have removed it. */
	if (w->cb == NULL)
		return;
	if (ev->events & EPOLLIN)
		events |= LOOP_READ;
	if (ev->events & EPOLLOUT)
		events |= LOOP_WRITE;
	events &= w->events;
	/* Errors and hang-ups are always reported, as readable: read() will
	 * tell what happened. Not reporting them would spin the loop.
	 */
	if (ev->events & (EPOLLERR | EPOLLHUP))
		events |= LOOP_READ;
	if (w->idle_ms > 0 && !w->fixed)
		w->deadline = timeout_now_ms() + w->idle_ms;
	if (events)
		w->cb(loop, fd, events, w->data);
}

/**
 * sweep - time out every descriptor whose deadline has passed
 * @loop: the loop
 */
static void sweep(struct loop *loop)
{
	long now = timeout_now_ms();
	struct watch *w;
	int fd;

	for (fd = 0; fd < loop->size; fd++)
	{
		w = &loop->watches[fd];
		if (w->cb != NULL && w->idle_ms > 0 && now >= w->deadline)
		{
			w->idle_ms = 0;
			w->cb(loop, fd, LOOP_TIMEOUT, w->data);
		}
	}
}

/**
 * loop_run - wait for events and dispatch them until loop_stop()
 * @loop: the loop
 *
 * A signal that interrupts the wait is not an error: the loop goes on,
 * or ends if the signal's handler called loop_stop().
 *
 * Return: 0 when stopped, -1 if epoll failed (errno says why).
 */
int loop_run(struct loop *loop)
{
	struct epoll_event events[MAX_EVENTS];
	long last_sweep = timeout_now_ms();
	int n, i;

	while (!loop->stopped)
	{
		if (loop->before_wait != NULL)
			loop->before_wait(loop);
		n = epoll_wait(loop->epfd, events, MAX_EVENTS, SWEEP_MS);
		if (n < 0 && errno != EINTR)
			return (-1);
		for (i = 0; i < n && !loop->stopped; i++)
			dispatch(loop, &events[i]);
		if (timeout_now_ms() - last_sweep >= SWEEP_MS)
		{
			sweep(loop);
			last_sweep = timeout_now_ms();
		}
	}
	return (0);
}

/**
 * loop_stop - make loop_run() return after the current callback
 * @loop: the loop
 */
void loop_stop(struct loop *loop)
{
	loop->stopped = 1;
}

/**
 * on_signal - SIGINT or SIGTERM arrived (through the signalfd)
 * @loop: the loop
 * @fd: the signalfd
 * @events: LOOP_READ
 * @data: unused
 */
static void on_signal(struct loop *loop, int fd, int events, void *data)
{
	struct signalfd_siginfo info;

	(void)events;
	(void)data;
	if (read(fd, &info, sizeof(info)) == (ssize_t)sizeof(info))
		loop_stop(loop);
}

/**
 * loop_stop_on_signals - make SIGINT and SIGTERM stop the loop
 * @loop: the loop
 *
 * The signals are blocked and read from a signalfd like any other event,
 * so they never interrupt a callback halfway: loop_run() simply returns
 * and the server cleans up on its normal path.
 *
 * Return: 0 on success, -1 on error (errno says why).
 */
int loop_stop_on_signals(struct loop *loop)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return (-1);
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return (-1);
	if (loop_add(loop, fd, LOOP_READ, on_signal, NULL) != 0)
	{
		close(fd);
		return (-1);
	}
	loop->sigfd = fd;
	return (0);
}
