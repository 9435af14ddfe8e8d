/*
 * run-untrusted - run one of a student's programs for the grader's tests.
 *
 *   run-untrusted [--memory MB] LIMIT UID GID PROGRAM [ARGS...]
 *
 * The grader's tests (bats, as root, inside the grading sandbox) start a
 * student's program through this, never directly; ./grade compiles it
 * before it grades. It runs PROGRAM with ARGS as user UID:GID (no groups,
 * no capabilities, no new privileges), in a session of its own, with these
 * caps:
 *
 *   - LIMIT seconds, then SIGTERM, then SIGKILL GRACE_MS later (a program
 *     that ignores SIGTERM costs seconds, not minutes);
 *   - RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_FSIZE, no core files, and
 *     AddressSanitizer's hard RSS limit (an ASan build cannot run under
 *     RLIMIT_AS: it reserves terabytes of shadow memory it never uses);
 *     --memory MB sets RLIMIT_AS instead, for programs without ASan (the
 *     compiler);
 *   - OUTPUT_CAP bytes of stdout and of stderr where they are pipes (as in
 *     bats' `run`): past that the program is killed, so a flood of output
 *     cannot fill the tests' memory. A file or a device (/dev/full, say)
 *     is handed to the program as it is; RLIMIT_FSIZE caps a file;
 *   - no descriptor but 0, 1 and 2 (bats' TAP stream is fd 3), and an
 *     environment without bats' variables.
 *
 * When the program ends, whatever it started ends too: this process is a
 * "subreaper" (PR_SET_CHILD_SUBREAPER), so every descendant that outlives
 * its parent comes back to it, even after setsid() and a double fork, and
 * it kills them all before it returns. A run never leaves a process
 * behind to disturb the next one.
 *
 * SIGTERM, SIGINT and SIGHUP sent to this process are passed on to the
 * program, once. Exit status: the program's, or 128 + the signal that
 * ended it, as a shell reports it; 126 if it cannot be run.
 *
 * It is C rather than a script because every test runs it, often many
 * times: a Python start-up cost 27 ms a run, this costs about 1.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GRACE_MS 10000
#define OUTPUT_CAP (4L << 20)
#define RSS_MB 1024
#define NEVER (-1L)

extern char **environ;

/* The first of SIGTERM, SIGINT or SIGHUP received, to pass on. */
static volatile sig_atomic_t pending;

/* One stream of the program's that is relayed: its pipe, ours, the count. */
struct relay {
	int from;
	int to;
	long written;
};

static void on_signal(int sig)
{
	if (!pending)
		pending = sig;
}

/* A SIGCHLD only has to interrupt ppoll(); the loop then reaps. */
static void on_child(int sig)
{
	(void)sig;
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void lower_limit(int which, rlim_t cap)
{
	struct rlimit r;

	if (getrlimit(which, &r) != 0)
		return;
	if (r.rlim_max == RLIM_INFINITY || r.rlim_max > cap)
		r.rlim_max = cap;
	if (r.rlim_cur == RLIM_INFINITY || r.rlim_cur > r.rlim_max)
		r.rlim_cur = r.rlim_max;
	setrlimit(which, &r);
}

/* In the child: every cap, and no way to gain privileges back. */
static void confine(long memory_mb)
{
	lower_limit(RLIMIT_NPROC, 64);
	lower_limit(RLIMIT_NOFILE, 16384);
	lower_limit(RLIMIT_FSIZE, 64L << 20);
	lower_limit(RLIMIT_CORE, 0);
	if (memory_mb > 0)
		lower_limit(RLIMIT_AS, (rlim_t)memory_mb << 20);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

/* In the child: every descriptor above 2 closes on exec. */
static void close_the_rest(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	int fd;

	if (dir == NULL) {
		for (fd = 3; fd < 65536; fd++)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		fd = atoi(e->d_name);
		if (fd > 2)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	closedir(dir);
}

/* In the child: bats' variables out, the memory cap and HOME in. */
static void clean_environment(void)
{
	char asan[512], name[256];
	const char *old = getenv("ASAN_OPTIONS");
	size_t i = 0;

	snprintf(asan, sizeof(asan), "%s%shard_rss_limit_mb=%d",
		 old ? old : "", old && *old ? ":" : "", RSS_MB);
	while (environ[i] != NULL) {
		size_t len = strcspn(environ[i], "=");

		if (len < sizeof(name) && (strncmp(environ[i], "BATS_", 5) == 0
		    || (len == 7 && strncmp(environ[i], "BIN_DIR", 7) == 0)
		    || (len == 4 && strncmp(environ[i], "ROOT", 4) == 0))) {
			memcpy(name, environ[i], len);
			name[len] = '\0';
			unsetenv(name);
			continue;
		}
		i++;
	}
	setenv("ASAN_OPTIONS", asan, 1);
	setenv("HOME", "/tmp", 1);
}

/* In the child: become the program, as UID:GID, or exit 126. */
static void become(char **argv, uid_t uid, gid_t gid, long memory_mb)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setsid();
	close_the_rest();
	clean_environment();
	confine(memory_mb);
	if (uid != getuid() && (setgroups(0, NULL) != 0 || setgid(gid) != 0
				|| setuid(uid) != 0)) {
		fprintf(stderr, "run-untrusted: cannot switch to %ld: %s\n",
			(long)uid, strerror(errno));
		_exit(126);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "run-untrusted: cannot run %s: %s\n", argv[0],
		strerror(errno));
	_exit(126);
}

/* Is descriptor FD a pipe or socket, to be relayed with a cap? */
static int relayed(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return 0;
	return !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode);
}

/* Do descriptors A and B lead to the same file (as with 2>&1)? */
static int same_file(int a, int b)
{
	struct stat sa, sb;

	if (fstat(a, &sa) != 0 || fstat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * Start the program with its stdout and stderr on pipes of ours where
 * they are relayed (R[0] for 1, R[1] for 2; from is -1 where not).
 */
static pid_t start(char **argv, uid_t uid, gid_t gid, long memory_mb,
		   struct relay r[2])
{
	int out[2] = {-1, -1}, err[2] = {-1, -1};
	int merged = same_file(1, 2);
	pid_t pid;

	if (relayed(1) && pipe2(out, O_CLOEXEC) != 0)
		return -1;
	if (!merged && relayed(2) && pipe2(err, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		if (out[1] >= 0)
			dup2(out[1], 1);
		if (merged)
			dup2(1, 2);
		else if (err[1] >= 0)
			dup2(err[1], 2);
		become(argv, uid, gid, memory_mb);
	}
	if (out[1] >= 0)
		close(out[1]);
	if (err[1] >= 0)
		close(err[1]);
	r[0].from = out[0];
	r[1].from = err[0];
	return pid;
}

/* Kill every process left under this one (a subreaper: they are all its
 * children, or become so when their parents die), and reap them. */
static void kill_descendants(void)
{
	char path[64];
	int found = 1;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/children",
		 (long)getpid());
	while (found) {
		FILE *f = fopen(path, "r");
		long pid;

		found = 0;
		if (f == NULL)
			return;
		while (fscanf(f, "%ld", &pid) == 1) {
			kill((pid_t)pid, SIGKILL);
			waitpid((pid_t)pid, NULL, 0);
			found = 1;
		}
		fclose(f);
	}
}

static int write_all(int fd, const char *data, long len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= n;
	}
	return 0;
}

/*
 * Copy what is ready on R's pipe to ours. Return -1 once the program went
 * over OUTPUT_CAP (it is then killed); the pipe is closed at its end, or
 * when our side is closed too (the program's next write then fails as it
 * would have without us in between).
 */
static int forward(struct relay *r, pid_t child)
{
	char data[65536];
	ssize_t n = read(r->from, data, sizeof(data));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n > 0 && r->written + n > OUTPUT_CAP) {
		write_all(r->to, data, OUTPUT_CAP - r->written);
		killpg(child, SIGKILL);
		fprintf(stderr, "\nrun-untrusted: more than %ld bytes of output: "
			"the program was stopped\n", OUTPUT_CAP);
		return -1;
	}
	if (n > 0)
		r->written += n;
	if (n <= 0 || write_all(r->to, data, n) != 0) {
		close(r->from);
		r->from = -1;
	}
	return 0;
}

/* A run: the program, its deadlines (milliseconds of CLOCK_MONOTONIC),
 * how far its stopping went, and its streams. */
struct run {
	pid_t child;
	long term_at;
	long kill_at;
	long ended_at;
	int stopping;	/* 0 running, 1 asked to stop, 2 killed */
	int status;
	struct relay r[2];
};

/* Pass a signal on, time the program out, reap it. Return 1 when the run
 * is over: the program ended and its pipes are closed, or a second has
 * passed since it ended (something it started holds them). */
static int step(struct run *run, long now)
{
	if (run->stopping == 0 && (pending || now >= run->term_at)) {
		kill(run->child, pending ? pending : SIGTERM);
		run->kill_at = now + GRACE_MS;
		run->stopping = 1;
	}
	if (run->stopping == 1 && now >= run->kill_at) {
		killpg(run->child, SIGKILL);
		run->stopping = 2;
	}
	if (run->ended_at < 0
	    && waitpid(run->child, &run->status, WNOHANG) == run->child)
		run->ended_at = now;
	if (run->ended_at < 0)
		return 0;
	return (run->r[0].from < 0 && run->r[1].from < 0)
		|| now > run->ended_at + 1000;
}

/* How long to sleep at most before the next thing step() has to do. */
static struct timespec next_step(const struct run *run, long now)
{
	long next = now + 1000;
	struct timespec t;

	if (run->stopping == 0 && run->term_at < next)
		next = run->term_at;
	if (run->stopping == 1 && run->kill_at < next)
		next = run->kill_at;
	if (run->ended_at >= 0 && run->ended_at + 1000 < next)
		next = run->ended_at + 1000;
	next = next < now ? 0 : next - now;
	t.tv_sec = next / 1000;
	t.tv_nsec = next % 1000 * 1000000L;
	return t;
}

/* Wait for output, the program's end or a signal (SIGCHLD and those passed
 * on are blocked but here, so none is missed), and relay the output. */
static void relay_output(struct run *run, long now)
{
	struct pollfd fds[2];
	struct timespec t = next_step(run, now);
	sigset_t none;
	int i, n = 0;

	sigemptyset(&none);
	for (i = 0; i < 2; i++) {
		fds[i].fd = run->r[i].from;
		fds[i].events = POLLIN;
		fds[i].revents = 0;
	}
	n = ppoll(fds, 2, &t, &none);
	for (i = 0; i < 2 && n > 0; i++)
		if (fds[i].revents && forward(&run->r[i], run->child) != 0) {
			close(run->r[0].from);
			close(run->r[1].from);
			run->r[0].from = run->r[1].from = -1;
		}
}

/* Catch the signals to pass on, and SIGCHLD; block them but in ppoll(). */
static void catch_signals(void)
{
	static const int passed_on[] = {SIGTERM, SIGINT, SIGHUP};
	struct sigaction sa;
	sigset_t set;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&set);
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof(passed_on) / sizeof(passed_on[0]); i++) {
		sigaction(passed_on[i], &sa, NULL);
		sigaddset(&set, passed_on[i]);
	}
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int usage(void)
{
	fprintf(stderr, "Usage: run-untrusted [--memory MB] LIMIT UID GID "
		"PROGRAM [ARGS...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct run run = {0, 0, 0, -1, 0, 0, {{-1, 1, 0}, {-1, 2, 0}}};
	long memory_mb = 0;

	if (argc > 2 && strcmp(argv[1], "--memory") == 0) {
		memory_mb = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 5)
		return usage();
	catch_signals();
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	run.child = start(argv + 4, (uid_t)atol(argv[2]), (gid_t)atol(argv[3]),
			  memory_mb, run.r);
	if (run.child < 0) {
		fprintf(stderr, "run-untrusted: cannot start %s: %s\n", argv[4],
			strerror(errno));
		return 126;
	}
	run.term_at = now_ms() + (long)(atof(argv[1]) * 1000);
	while (!step(&run, now_ms()))
		relay_output(&run, now_ms());
	killpg(run.child, SIGKILL);
	if (run.ended_at < 0)
		waitpid(run.child, &run.status, 0);
	kill_descendants();
	if (WIFSIGNALED(run.status))
		return 128 + WTERMSIG(run.status);
	return WEXITSTATUS(run.status);
}
