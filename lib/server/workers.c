/*
 * workers.c - one server process per core, all on one port
 *
 * Written in exercise 104 (104-fast_server): the student writes this file
 * (lib/server/workers.h is its given API). Used by 104.
 *
 * An event loop keeps one core busy, never two. To use every core, the
 * server runs WORKERS copies of itself, each with its own loop and its own
 * listening socket on the same port: SO_REUSEPORT lets the sockets share
 * the port, and the kernel spreads new connections across them (by a hash
 * of the client's address and port). The workers share nothing, so they
 * need no lock; a connection stays with the worker that accepted it.
 *
 * The first process is the master: it starts the workers one at a time
 * (each says on a pipe that it is ready, and on which port: the first may
 * have been given port 0), says "Listening on" once they all are, then
 * only waits: SIGINT or SIGTERM stops every worker, and so does a worker
 * that stops on its own (the server does not go on at part strength). A
 * worker whose master dies is stopped by the kernel (PR_SET_PDEATHSIG).
 *
 * The workers share stdout: a server that logs must write each round of
 * lines in one write() (104 gives stdout a buffer of a MiB), or another
 * worker's lines could cut one in two.
 *
 * SO_REUSEPORT lets any process of the same user join the port: two
 * servers with workers started on one fixed port would share it. Port 0,
 * or a port known to be free, avoids that.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "lib/server/workers.h"
#include "lib/sock.h"

/**
 * workers_env - WORKERS, the number of server processes
 *
 * Return: WORKERS (1 if it is not set), or -1 if it is not a whole
 * number from 1 to WORKERS_MAX.
 */
int workers_env(void)
{
	const char *s = getenv("WORKERS");
	char *end;
	long n;

	if (s == NULL)
		return (1);
	n = strtol(s, &end, 10);
	if (end == s || *end != '\0' || n < 1 || n > WORKERS_MAX)
		return (-1);
	return ((int)n);
}

/**
 * workers_listen - listen on @host:@port, sharing the port with the other
 * workers (11's listener_open(), with SO_REUSEPORT)
 * @host: the numeric address
 * @port: the port (0: any free one)
 *
 * Return: the listening socket, or -1 (errno says why).
 */
int workers_listen(const char *host, int port)
{
	struct addrinfo hints, *ai;
	char service[16];
	int fd, on = 1, saved;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	sprintf(service, "%d", port);
	if (getaddrinfo(host, service, &hints, &ai) != 0)
	{
		errno = EINVAL;
		return (-1);
	}
	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	/* Both options before bind(): the kernel lets a socket join a port
	 * only if every socket on it said SO_REUSEPORT first.
	 */
	if (fd >= 0 &&
	    (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	     setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) != 0 ||
	     bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	     listen(fd, SOMAXCONN) != 0))
	{
		saved = errno;
		close(fd);
		errno = saved;
		fd = -1;
	}
	freeaddrinfo(ai);
	return (fd);
}

/**
 * workers_ready - tell the master that this worker serves, and on which
 * port (nothing to do without workers)
 * @ready: the pipe to the master, or -1
 * @port: the port
 */
void workers_ready(int ready, int port)
{
	if (ready < 0)
		return;
	if (write(ready, &port, sizeof(port)) != sizeof(port))
		exit(1);
	close(ready);
}

/**
 * run_worker - in a new worker: listen, serve, exit
 * @name: the server's name, for messages
 * @port: the port
 * @ready: the pipe to the master
 * @serve: serves until a signal
 * @data: for @serve
 *
 * SIGINT and SIGTERM stay blocked, as the master blocked them: the
 * worker's loop reads them from a signalfd, and one sent before it has
 * one waits instead of being lost.
 */
static void run_worker(const char *name, int port, int ready,
		       workers_serve_cb serve, void *data)
{
	pid_t master = getppid();
	int fd;

	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != master)
		exit(1);
	fd = workers_listen(sock_listen_address(), port);
	if (fd < 0)
	{
		fprintf(stderr, "%s: cannot listen on %s:%d: %s\n", name,
			sock_listen_address(), port, strerror(errno));
		exit(1);
	}
	exit(serve(fd, ready, data));
}

/**
 * start_worker - start one worker and wait until it serves
 * @name: the server's name
 * @port: the port; 0 becomes the port the worker was given
 * @serve: serves until a signal
 * @data: for @serve
 *
 * Return: the worker's process id, or -1 if it could not start (it said
 * why on stderr).
 */
static pid_t start_worker(const char *name, int *port, workers_serve_cb serve,
			  void *data)
{
	int ready[2], got;
	pid_t pid;

	if (pipe(ready) != 0 || (pid = fork()) < 0)
	{
		fprintf(stderr, "%s: cannot start a worker: %s\n", name,
			strerror(errno));
		return (-1);
	}
	if (pid == 0)
	{
		close(ready[0]);
		run_worker(name, *port, ready[1], serve, data);
	}
	close(ready[1]);
	/* The pipe's end: the worker exited before it was ready. */
	if (read(ready[0], &got, sizeof(got)) != sizeof(got))
	{
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	else
		*port = got;
	close(ready[0]);
	return (pid);
}

/**
 * supervise - wait for SIGINT or SIGTERM, or for a worker to stop
 * @name: the server's name
 * @set: SIGINT, SIGTERM and SIGCHLD (blocked)
 * @pids: the workers; one that stopped is set to -1
 * @count: how many
 *
 * SIGCHLD also comes when a worker is only paused (SIGSTOP, a debugger):
 * waitpid() then has nobody to report, and the wait goes on.
 *
 * Return: 0 for a signal, 1 if a worker stopped on its own.
 */
static int supervise(const char *name, const sigset_t *set, pid_t *pids,
		     int count)
{
	int sig, status, i, stopped = 0;
	pid_t pid;

	while (!stopped)
	{
		sig = sigwaitinfo(set, NULL);
		if (sig == SIGINT || sig == SIGTERM)
			return (0);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		{
			for (i = 0; i < count; i++)
				if (pids[i] == pid)
					pids[i] = -1;
			fprintf(stderr, "%s: worker %ld stopped (%s %d); stopping\n",
				name, (long)pid,
				WIFSIGNALED(status) ? "signal" : "exit status",
				WIFSIGNALED(status) ? WTERMSIG(status) :
				WEXITSTATUS(status));
			stopped = 1;
		}
	}
	return (1);
}

/**
 * stop_workers - stop the workers still running, and wait for them
 * @pids: the workers (-1: already stopped)
 * @count: how many
 *
 * Return: 0 if each exited with status 0, else 1.
 */
static int stop_workers(pid_t *pids, int count)
{
	int i, status, failed = 0;

	for (i = 0; i < count; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < count; i++)
	{
		if (pids[i] <= 0)
			continue;
		while (waitpid(pids[i], &status, 0) < 0)
			if (errno != EINTR)
				return (1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	}
	return (failed);
}

/**
 * workers_run - serve with @count workers until SIGINT or SIGTERM
 * @name: the server's name, for messages
 * @count: how many workers (2 to WORKERS_MAX)
 * @port: the port (0: any free one)
 * @serve: what each worker runs
 * @data: for @serve
 *
 * Return: 0 when stopped by a signal, 1 on failure (said on stderr).
 */
int workers_run(const char *name, int count, int port, workers_serve_cb serve,
		void *data)
{
	pid_t pids[WORKERS_MAX];
	sigset_t set;
	int n, failed = 1;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return (1);
	fflush(stdout); /* a worker must not print the master's output again */
	for (n = 0; n < count; n++)
	{
		pids[n] = start_worker(name, &port, serve, data);
		if (pids[n] < 0)
			break;
	}
	if (n == count)
	{
		sock_say_listening(sock_listen_address(), port);
		failed = supervise(name, &set, pids, n);
	}
	return (stop_workers(pids, n) || failed);
}
