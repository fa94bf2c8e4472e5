// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/check.h"

#include <errno.h>
#include <fnmatch.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "base/date.h"
#include "base/kv.h"
#include "engine/hostarch.h"
#include "engine/probe.h"
#include "parse/os-release.h"
#include "core/version.h"

struct fc_cache {
	char *key;
	void *value;
	void (*free_fn)(void *);
	struct fc_cache *next;
};

void *fc_cache_get(struct fc_ctx *ctx, const char *key)
{
	for (struct fc_cache *c = ctx->cache; c; c = c->next)
		if (fc_streq(c->key, key))
			return c->value;
	return NULL;
}

void fc_cache_put(struct fc_ctx *ctx, const char *key, void *value,
		  void (*free_fn)(void *))
{
	struct fc_cache *c = fc_calloc(1, sizeof(*c));
	c->key = fc_strdup(key);
	c->value = value;
	c->free_fn = free_fn;
	c->next = ctx->cache;
	ctx->cache = c;
}

void fc_ctx_done(struct fc_ctx *ctx)
{
	while (ctx->cache) {
		struct fc_cache *c = ctx->cache;
		ctx->cache = c->next;
		if (c->free_fn)
			c->free_fn(c->value);
		free(c->key);
		free(c);
	}
}

const struct fc_check *fc_check_find(const char *id)
{
	for (size_t i = 0; fc_checks[i]; i++)
		if (fc_streq(fc_checks[i]->id, id))
			return fc_checks[i];
	return NULL;
}

static void finding_describe(struct fc_finding *f, const struct fc_check *c)
{
	free(f->title);
	free(f->requirement);
	f->title = fc_strdup(c->title);
	f->requirement = fc_strdup(c->requirement);
}

struct fc_finding *fc_ctx_finding(struct fc_ctx *ctx, const char *suffix)
{
	const struct fc_check *c = ctx->current;
	_cleanup_free_ char *id = suffix ? fc_asprintf("%s%s", c->id, suffix)
					 : fc_strdup(c->id);
	struct fc_finding *f = fc_report_add(ctx->report, id, c->id);
	finding_describe(f, c);
	return f;
}

struct fc_finding *fc_ctx_read_failed(struct fc_ctx *ctx, const char *path,
				      int err, enum fc_status st)
{
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	if (err == -EFBIG)
		fc_finding_status(f, FC_STATUS_ERROR,
				  "%s is larger than fipsctl reads; refused",
				  path);
	else if (err == -ENOENT)
		fc_finding_status(f, st, "%s does not exist", path);
	else /* fipsctl cannot tell, and that is never a "no" */
		fc_finding_status(f, FC_STATUS_ERROR, "cannot read %s: %s",
				  path, strerror(-err));
	fc_finding_fact(f, "path", "%s", path);
	fc_finding_fact(f, "error", "%s", strerror(-err));
	return f;
}

bool fc_check_selected(const struct fc_check *c, const struct fc_selection *sel)
{
	if (c->selftest_only && !(sel && sel->selftest))
		return false;
	if (!sel)
		return true;
	if (sel->only && sel->only[0]) {
		bool any = false;
		for (size_t i = 0; sel->only[i] && !any; i++)
			any = fnmatch(sel->only[i], c->id, 0) == 0 ||
			      fc_streq(sel->only[i], c->area);
		if (!any)
			return false;
	}
	for (size_t i = 0; sel->skip && sel->skip[i]; i++)
		if (fnmatch(sel->skip[i], c->id, 0) == 0 ||
		    fc_streq(sel->skip[i], c->area))
			return false;
	return true;
}

static size_t check_index(const char *id)
{
	size_t i;
	for (i = 0; fc_checks[i]; i++)
		if (fc_streq(fc_checks[i]->id, id))
			break;
	return i;
}

/* Findings in registry order (probe results arrive last); stable. */
static void sort_findings(struct fc_report *r)
{
	for (size_t i = 1; i < r->n_findings; i++) {
		struct fc_finding *f = r->findings[i];
		size_t key = check_index(f->check_id);
		size_t j = i;
		while (j > 0 && check_index(r->findings[j - 1]->check_id) > key) {
			r->findings[j] = r->findings[j - 1];
			j--;
		}
		r->findings[j] = f;
	}
}

static void run_in_process(struct fc_ctx *ctx, const struct fc_selection *sel,
			   bool after_probes);

int fc_run_checks(struct fc_ctx *ctx, const struct fc_selection *sel)
{
	/* Probe helpers run concurrently while the in-process checks run. */
	const struct fc_check **probe_checks = NULL;
	size_t n_probe = 0;
	for (size_t i = 0; fc_checks[i]; i++) {
		const struct fc_check *c = fc_checks[i];
		if (!c->probe || !fc_check_selected(c, sel))
			continue;
		probe_checks = fc_realloc(probe_checks,
					  (n_probe + 1) *
						  sizeof(*probe_checks));
		probe_checks[n_probe++] = c;
	}
	struct fc_probe_set *probes = NULL;
	int r = fc_probes_start(ctx, probe_checks, n_probe, &probes);
	free(probe_checks);
	if (r < 0)
		return r;

	run_in_process(ctx, sel, false);
	r = fc_probes_finish(ctx, probes);
	if (r < 0)
		return r;
	run_in_process(ctx, sel, true);
	sort_findings(ctx->report);
	return 0;
}

static void run_in_process(struct fc_ctx *ctx, const struct fc_selection *sel,
			   bool after_probes)
{
	for (size_t i = 0; fc_checks[i]; i++) {
		const struct fc_check *c = fc_checks[i];
		if (!c->run || c->after_probes != after_probes ||
		    !fc_check_selected(c, sel))
			continue;
		ctx->current = c;
		size_t before = ctx->report->n_findings;
		unsigned long long t0 = fc_now_ns();
		int cr = c->run(ctx);
		double ms = (double)(fc_now_ns() - t0) / 1e6;
		if (cr < 0) {
			struct fc_finding *f = fc_ctx_finding(ctx, NULL);
			fc_finding_status(f, FC_STATUS_ERROR,
					  "check could not run: %s",
					  strerror(-cr));
		} else if (ctx->report->n_findings == before) {
			/* A check that says nothing is a framework bug. */
			struct fc_finding *f = fc_ctx_finding(ctx, NULL);
			fc_finding_status(f, FC_STATUS_ERROR,
					  "check produced no finding");
		}
		for (size_t j = before; j < ctx->report->n_findings; j++)
			ctx->report->findings[j]->duration_ms = ms;
	}
	ctx->current = NULL;
}

static char *read_trimmed(const struct fc_root *root, const char *path)
{
	char *s = NULL;
	if (fc_root_read(root, path, FC_READ_SMALL, &s, NULL) < 0)
		return NULL;
	fc_strstrip(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

int fc_report_fill_host(struct fc_report *r, struct fc_root *root)
{
	struct fc_host *h = &r->host;
	r->fipsctl_version = fc_strdup(FC_VERSION);
	r->root = fc_strdup(fc_root_dir(root));
	h->time_utc = fc_time_format(fc_time_now(NULL));

	struct fc_kv_list kv = { 0 };
	if (fc_os_release_read(root, &kv) == 0) {
		const char *v;
		if ((v = fc_kv_get(&kv, "ID")))
			h->os_id = fc_strdup(v);
		if ((v = fc_kv_get(&kv, "VERSION_ID")))
			h->os_version_id = fc_strdup(v);
		if ((v = fc_kv_get(&kv, "PRETTY_NAME")))
			h->os_pretty_name = fc_strdup(v);
		fc_kv_free(&kv);
	}

	if (fc_root_is_live(root)) {
		struct utsname u;
		if (uname(&u) == 0) {
			h->arch = fc_strdup(u.machine);
			h->arch_source = fc_strdup("uname");
			h->kernel_release = fc_strdup(u.release);
			h->hostname = fc_strdup(u.nodename);
		}
	} else {
		/* An image or fixture describes itself through its /proc
		 * copy; a mounted disk image has no kernel, so its
		 * architecture comes from its files (hostarch.c). */
		h->arch = read_trimmed(root, "/proc/sys/kernel/arch");
		h->kernel_release = read_trimmed(root, "/proc/sys/kernel/osrelease");
		fc_host_arch_fill(h, root);
		h->hostname = read_trimmed(root, "/proc/sys/kernel/hostname");
		if (!h->hostname)
			h->hostname = read_trimmed(root, "/etc/hostname");
	}
	return 0;
}
