// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The helpers in flight are a queue in batch order.  Every helper's
 * stdout is read as soon as it has something (poll), into its own
 * buffer, so that none of them blocks on a full pipe while the oldest is
 * handed on; the oldest's complete records go to the caller at once,
 * the younger ones' wait in their buffers for their turn.  A helper's
 * record is a JSON line with "report_bytes" N (or null), then N bytes and
 * a line feed (helpers/evidence/main.c).
 */
#include "evidence/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <string.h>

#include "core/log.h"
#include "engine/helper-run.h"
#include "parse/manifest.h"

/*
 * A helper run costs its start (loading libcrypto and libarchive: tens of
 * milliseconds on a busy machine), so batches are large: up to BATCH
 * paths or BATCH_BYTES of them (well inside the argument limit), the
 * first ones smaller so that rows start at once.  A younger helper's
 * output is buffered up to AHEAD_BYTES; past that it is left in its pipe
 * and the helper waits, which bounds the memory by the helpers in flight.
 */
enum {
	BATCH = 2048,
	FIRST_BATCH = 64,
	BATCH_BYTES = 128 * 1024,
	AHEAD_BYTES = 4 * 1024 * 1024,
	MAX_JOBS = 16, /* helpers in flight at most */
};

struct job {
	struct fc_helper h;
	char **paths; /* BATCH of them, owned */
	size_t cnt;   /* bundles in the batch */
	size_t got;	    /* records handed on */
	struct fc_buf buf;  /* read, not yet handed on (from off) */
	size_t off;
	bool eof;
};

/* The next batch of at most max paths into j; *any false when there
 * are none left. */
static int next_batch(struct fc_bundle_paths *p, struct job *j, size_t max,
		      bool *any)
{
	size_t bytes = 0;
	j->cnt = 0;
	if (!j->paths)
		j->paths = fc_calloc(BATCH, sizeof(char *));
	if (!p->list) {
		while (j->cnt < max && p->n && bytes < BATCH_BYTES) {
			bytes += strlen(*p->v) + 1;
			j->paths[j->cnt++] = fc_strdup(*p->v);
			p->v++;
			p->n--;
		}
		*any = j->cnt > 0;
		return 0;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	errno = 0;
	while (j->cnt < max && bytes < BATCH_BYTES &&
	       (len = getline(&line, &cap, p->list)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len)
			j->paths[j->cnt++] = fc_strdup(line);
		bytes += (size_t)len + 1;
	}
	free(line);
	if (ferror(p->list)) {
		int e = errno ? errno : EIO;
		fc_err("reading %s: %s", p->list_name, strerror(e));
		return -e;
	}
	*any = j->cnt > 0;
	return 0;
}

static void job_clear(struct job *j)
{
	for (size_t i = 0; i < j->cnt; i++)
		free(j->paths[i]);
	free(j->paths);
	fc_buf_free(&j->buf);
	*j = (struct job){ .h = { .pid = -1, .in_fd = -1 } };
}

static int job_start(struct job *j, const char *key, bool members)
{
	_cleanup_free_ const char **args = fc_calloc(j->cnt + 5, sizeof(char *));
	size_t k = 0;
	args[k++] = "read";
	if (key) {
		args[k++] = "--key";
		args[k++] = key;
	}
	if (members)
		args[k++] = "--members";
	for (size_t i = 0; i < j->cnt; i++)
		args[k++] = j->paths[i];
	args[k] = NULL;
	int r = fc_helper_start(FC_EV_HELPER, args, false, &j->h);
	if (r < 0)
		return r;
	/* A bigger pipe: a younger helper runs on while its turn waits
	 * (best effort; the default is enough to be correct). */
	(void)fcntl(fileno(j->h.out), F_SETPIPE_SZ, 1 << 20);
	return 0;
}

/* Read what j's helper has written (once: poll said it is ready). */
static int job_read(struct job *j)
{
	char tmp[65536];
	ssize_t n;
	do
		n = read(fileno(j->h.out), tmp, sizeof(tmp));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;
		fc_err("reading the evidence helper: %s", strerror(e));
		return -e;
	}
	if (n == 0)
		j->eof = true;
	else
		fc_buf_add(&j->buf, tmp, (size_t)n);
	return 0;
}

static int malformed(void)
{
	fc_err("the evidence helper sent malformed output");
	return -EIO;
}

/* Hand on every complete record in j's buffer. */
static int job_deliver(struct job *j, fc_bundle_fn fn, void *ud)
{
	for (;;) {
		const char *start = j->buf.data + j->off;
		size_t avail = j->buf.len - j->off;
		const char *nl = avail ? memchr(start, '\n', avail) : NULL;
		if (!nl)
			break;
		size_t line_len = (size_t)(nl - start);
		struct json_tokener *tok = json_tokener_new();
		if (!tok)
			fc_oom();
		struct json_object *o =
			json_tokener_parse_ex(tok, start, (int)line_len);
		json_tokener_free(tok);
		struct json_object *rb = NULL;
		if (!o || !json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, "report_bytes", &rb)) {
			json_object_put(o);
			return malformed();
		}
		size_t need = 0;
		bool has_report = json_object_is_type(rb, json_type_int);
		if (has_report) {
			int64_t v = json_object_get_int64(rb);
			if (v < 0 || (uint64_t)v > FC_EV_MAX_MEMBER_BYTES) {
				json_object_put(o);
				return malformed();
			}
			need = (size_t)v + 1;
		}
		if (avail - line_len - 1 < need) {
			/* The rest of the report is still on its way. */
			json_object_put(o);
			break;
		}
		const char *report = has_report ? nl + 1 : NULL;
		if (has_report && report[need - 1] != '\n') {
			json_object_put(o);
			return malformed();
		}
		json_object_object_del(o, "report_bytes");
		j->off += line_len + 1 + need;
		if (++j->got > j->cnt) {
			json_object_put(o);
			return malformed();
		}
		int r = fn(ud, o, report, need ? need - 1 : 0);
		json_object_put(o);
		if (r < 0)
			return r;
	}
	/* Keep the buffer as small as what is still to come. */
	if (j->off && (j->off > 1 << 20 || j->off == j->buf.len)) {
		memmove(j->buf.data, j->buf.data + j->off, j->buf.len - j->off);
		j->buf.len -= j->off;
		j->buf.data[j->buf.len] = '\0';
		j->off = 0;
	}
	return 0;
}

/* The oldest job is done: its helper's status, every bundle answered. */
static int job_finish(struct job *j)
{
	int r = fc_helper_finish(&j->h);
	if (r == 0 && (j->got != j->cnt || j->off != j->buf.len)) {
		fc_err("the evidence helper answered for %zu of %zu bundles",
		       j->got, j->cnt);
		r = -EIO;
	}
	return r;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

int fc_bundles_read(struct fc_bundle_paths *paths, const char *key,
		    bool members, unsigned jobs, fc_bundle_fn fn, void *ud)
{
	/* Each bundle's report is parsed into a tree that is freed whole:
	 * glibc would give the top of the heap back to the kernel after
	 * every bundle and fault it in again for the next (a third of the
	 * time went there).  Keep what was used. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	if (!jobs)
		jobs = default_jobs();
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	struct job *q = fc_calloc(jobs, sizeof(*q));
	size_t head = 0, running = 0; /* q[head] is the oldest */
	bool more = true;
	size_t batch = FIRST_BATCH;
	int rc = 0;
	for (size_t i = 0; i < jobs; i++)
		job_clear(&q[i]);
	while (rc == 0) {
		/* Keep every slot busy. */
		while (more && running < jobs && rc == 0) {
			struct job *j = &q[(head + running) % jobs];
			rc = next_batch(paths, j, batch, &more);
			batch = batch * 2 > BATCH ? BATCH : batch * 2;
			if (rc == 0 && more)
				rc = job_start(j, key, members);
			if (rc == 0 && more)
				running++;
			else
				job_clear(j); /* the paths of a batch not started */
		}
		if (rc < 0 || !running)
			break;
		struct pollfd pfd[MAX_JOBS];
		size_t np = 0;
		for (size_t i = 0; i < running; i++) {
			struct job *j = &q[(head + i) % jobs];
			bool wait = j->eof ||
				    (i && j->buf.len - j->off > AHEAD_BYTES);
			pfd[i] = (struct pollfd){ .fd = wait ? -1
							     : fileno(j->h.out),
						  .events = POLLIN };
			np++;
		}
		if (poll(pfd, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			fc_err("waiting for the evidence helpers: %s",
			       strerror(errno));
			break;
		}
		for (size_t i = 0; i < np && rc == 0; i++)
			if (pfd[i].revents)
				rc = job_read(&q[(head + i) % jobs]);
		/* Hand on the oldest's records; retire it once it ended. */
		while (rc == 0 && running) {
			struct job *j = &q[head];
			rc = job_deliver(j, fn, ud);
			if (rc < 0 || !j->eof)
				break;
			rc = job_finish(j);
			job_clear(j);
			head = (head + 1) % jobs;
			running--;
		}
	}
	/* On an error, the helpers still running are stopped by their
	 * closed pipe and reaped. */
	for (size_t i = 0; i < running; i++) {
		struct job *j = &q[(head + i) % jobs];
		int ignored = fc_helper_finish(&j->h);
		(void)ignored; /* the first error is the one reported */
		job_clear(j);
	}
	free(q);
	return rc;
}
