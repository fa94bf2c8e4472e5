// SPDX-License-Identifier: GPL-2.0-or-later
#include "boot/pin.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "parse/cmdline.h"
#include "base/kv.h"
#include "base/strv.h"
#include "base/vercmp.h"

/* --- validators ----------------------------------------------------------- */

bool fc_kernel_release_valid(const char *s, char **why)
{
	size_t n = strnlen(s, FC_KERNEL_RELEASE_MAX + 1);
	const char *problem = NULL;
	if (n == 0)
		problem = "it is empty";
	else if (n > FC_KERNEL_RELEASE_MAX)
		problem = "it is longer than the kernel allows (64 characters)";
	else if (!isdigit((unsigned char)s[0]))
		problem = "it does not start with a digit";
	else if (strspn(s, "0123456789abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ._+-") != n)
		problem = "it holds a character other than letters, digits "
			  "and . _ + -";
	else if (strstr(s, ".."))
		problem = "it holds \"..\"";
	else if (!strchr(s, '-'))
		problem = "it has no '-' between version and release";
	if (!problem)
		return true;
	*why = fc_strdup(problem);
	return false;
}

static bool hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool fc_fs_uuid_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 9)
		return hex_run(s, 4) && s[4] == '-' && hex_run(s + 5, 4);
	if (n != 36)
		return false;
	static const size_t dash[] = { 8, 13, 18, 23 };
	for (size_t i = 0, d = 0; i < n; i++) {
		if (d < FC_ARRAY_SIZE(dash) && i == dash[d]) {
			if (s[i] != '-')
				return false;
			d++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

/* --- versions ------------------------------------------------------------- */

/* Split "[epoch:]version-release": epoch digits (0 when absent). */
static int split_evr(const char *evr, unsigned long *epoch, char **version,
		     char **release)
{
	const char *colon = strchr(evr, ':');
	*epoch = 0;
	if (colon) {
		char *end = NULL;
		errno = 0;
		*epoch = strtoul(evr, &end, 10);
		if (errno || end != colon || colon == evr)
			return -EINVAL;
		evr = colon + 1;
	}
	const char *dash = strrchr(evr, '-');
	if (!dash || dash == evr || !dash[1])
		return -EINVAL;
	*version = fc_strndup(evr, (size_t)(dash - evr));
	*release = fc_strdup(dash + 1);
	return 0;
}

int fc_evr_cmp(const char *a, const char *b, int *res)
{
	unsigned long ea, eb;
	_cleanup_free_ char *va = NULL, *ra = NULL, *vb = NULL, *rb = NULL;
	if (split_evr(a, &ea, &va, &ra) < 0 || split_evr(b, &eb, &vb, &rb) < 0)
		return -EINVAL;
	if (ea != eb)
		*res = ea < eb ? -1 : 1;
	else if ((*res = fc_rpmvercmp(va, vb)) == 0)
		*res = fc_rpmvercmp(ra, rb);
	return 0;
}

char *fc_release_of(const char *evr, const char *arch)
{
	return fc_asprintf("%s.%s", fc_evr_no_epoch(evr), arch);
}

char *fc_release_evr(const char *release, const char *arch)
{
	size_t n = strlen(release), m = strlen(arch);
	if (n <= m + 1 || release[n - m - 1] != '.' ||
	    strcmp(release + n - m, arch) != 0)
		return NULL;
	return fc_strndup(release, n - m - 1);
}

bool fc_kernel_is_validated(const struct fc_policy *t, const char *arch,
			    const char *release,
			    const struct fc_policy_build **build)
{
	_cleanup_free_ char *evr = fc_release_evr(release, arch);
	struct fc_pkg_match m;
	if (!evr ||
	    fc_policy_classify(t, FC_MODULE_KERNEL, FC_KERNEL_PACKAGE, evr,
			       arch, fc_evr_cmp, &m) < 0 ||
	    m.cls != FC_PKG_VALIDATED)
		return false;
	if (build)
		*build = m.build;
	return true;
}

/* --- kernels in /boot ------------------------------------------------------ */

static bool exists_regular(const struct fc_root *root, const char *path)
{
	struct stat st;
	return fc_root_stat(root, path, &st) == 0 && S_ISREG(st.st_mode);
}

int fc_boot_kernels_list(const struct fc_root *root,
			 struct fc_boot_kernels *out)
{
	struct fc_boot_kernels k = { 0 };
	_cleanup_closedir_ DIR *d = NULL;
	int r = fc_root_opendir(root, "/boot", &d);
	if (r < 0)
		return r;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno) {
				r = -errno;
				fc_boot_kernels_free(&k);
				return r;
			}
			break;
		}
		if (!fc_startswith(de->d_name, "vmlinuz-") ||
		    fc_startswith(de->d_name, "vmlinuz-0-rescue-"))
			continue;
		const char *rel = de->d_name + 8;
		_cleanup_free_ char *why = NULL;
		_cleanup_free_ char *img = fc_asprintf("/boot/%s", de->d_name);
		if (!fc_kernel_release_valid(rel, &why) ||
		    !exists_regular(root, img))
			continue;
		_cleanup_free_ char *ird = fc_asprintf("/boot/initramfs-%s.img",
						       rel);
		_cleanup_free_ char *hmac = fc_asprintf("/boot/.vmlinuz-%s.hmac",
							rel);
		k.v = fc_realloc(k.v, (k.n + 1) * sizeof(*k.v));
		k.v[k.n++] = (struct fc_boot_kernel){
			.release = fc_strdup(rel),
			.has_initramfs = exists_regular(root, ird),
			.has_hmac = exists_regular(root, hmac),
		};
	}
	*out = k;
	return 0;
}

void fc_boot_kernels_free(struct fc_boot_kernels *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].release);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

const struct fc_boot_kernel *
fc_boot_kernel_find(const struct fc_boot_kernels *k, const char *release)
{
	for (size_t i = 0; i < k->n; i++)
		if (fc_streq(k->v[i].release, release))
			return &k->v[i];
	return NULL;
}

const struct fc_boot_kernel *fc_pin_pick(const struct fc_policy *t,
					 const char *arch,
					 const struct fc_boot_kernels *k)
{
	const struct fc_boot_kernel *best = NULL;
	size_t best_idx = 0;
	const struct fc_policy_module *mo = &t->modules[FC_MODULE_KERNEL];
	for (size_t i = 0; i < k->n; i++) {
		const struct fc_boot_kernel *c = &k->v[i];
		const struct fc_policy_build *b = NULL;
		if (!c->has_initramfs ||
		    !fc_kernel_is_validated(t, arch, c->release, &b))
			continue;
		size_t idx = (size_t)(b - mo->builds);
		if (!best || idx < best_idx ||
		    (idx == best_idx &&
		     fc_rpmvercmp(c->release, best->release) > 0)) {
			best = c;
			best_idx = idx;
		}
	}
	return best;
}

const char *fc_pin_first_evr(const struct fc_policy *t, const char *arch)
{
	/* The policy layer's own walk over validated builds for the arch. */
	struct fc_pkg_walk w = FC_PKG_WALK(&t->modules[FC_MODULE_KERNEL], arch,
					   FC_WALK_VALIDATED | FC_WALK_EXACT,
					   FC_KERNEL_PACKAGE);
	const struct fc_policy_pkg *pk = fc_pkg_walk_next(&w);
	return pk ? pk->evr : NULL;
}

/* --- kernel arguments ------------------------------------------------------ */

static char *arg_text(const struct fc_cmdarg *a)
{
	return a->value ? fc_asprintf("%s=%s", a->key, a->value)
			: fc_strdup(a->key);
}

void fc_arg_plan_make(const char *options, const char *wanted_boot,
		      struct fc_arg_plan *out)
{
	memset(out, 0, sizeof(*out));
	struct fc_cmdline cl;
	if (fc_cmdline_parse(options, strlen(options), &cl) < 0) {
		out->problem = fc_asprintf("cannot split the options (%s at "
					   "offset %zu)",
					   cl.err_what, cl.err_offset);
		return;
	}
	/* Every fips= other than fips=1 and every boot= other than the
	 * wanted one goes: the kernel reads the last fips=, dracut's getarg
	 * may see another, and one wrong boot= stops a FIPS boot. */
	bool fips_ok = false, boot_ok = false;
	for (size_t i = 0; i < cl.n; i++) {
		const struct fc_cmdarg *a = &cl.args[i];
		bool good;
		if (fc_streq(a->key, "fips")) {
			good = fc_streq(a->value, "1");
			fips_ok |= good;
		} else if (fc_streq(a->key, "boot")) {
			good = wanted_boot && fc_streq(a->value, wanted_boot);
			boot_ok |= good;
		} else {
			continue;
		}
		if (!good)
			fc_strv_add_unique(&out->remove, &out->n_remove,
					   arg_text(a));
	}
	fc_cmdline_free(&cl);
	/* grubby splits --remove-args at blanks and knows no quotes: a
	 * quoted fips= or boot= cannot be removed through it. */
	for (size_t i = 0; i < out->n_remove && !out->problem; i++)
		if (strpbrk(out->remove[i], " \t\n\"")) {
			_cleanup_free_ char *shown = fc_printable(out->remove[i],
								  100);
			out->problem = fc_asprintf("the quoted argument \"%s\" "
						   "cannot be removed through "
						   "grubby; edit the entry",
						   shown);
		}
	if (!fips_ok)
		fc_strv_add_unique(&out->add, &out->n_add, fc_strdup("fips=1"));
	if (wanted_boot && !boot_ok)
		fc_strv_add_unique(&out->add, &out->n_add,
				   fc_asprintf("boot=%s", wanted_boot));
}

void fc_arg_plan_free(struct fc_arg_plan *p)
{
	fc_strv_free(p->remove);
	fc_strv_free(p->add);
	free(p->problem);
	memset(p, 0, sizeof(*p));
}

void fc_arg_plan_merge(struct fc_arg_plan *into, const struct fc_arg_plan *from)
{
	for (size_t i = 0; i < from->n_remove; i++)
		fc_strv_add_unique(&into->remove, &into->n_remove,
				   fc_strdup(from->remove[i]));
	for (size_t i = 0; i < from->n_add; i++)
		fc_strv_add_unique(&into->add, &into->n_add,
				   fc_strdup(from->add[i]));
}

int fc_pin_wanted_boot(struct fc_mounts *m, const struct fc_bootfs *b,
		       char **out, char **why)
{
	*out = NULL;
	if (!b->separate)
		return 0;
	if (!b->uuid) {
		*why = fc_asprintf("/boot is a separate filesystem (%s) but "
				   "its UUID is unknown: %s",
				   b->source,
				   b->unknown_reason ? b->unknown_reason : "?");
		return -ENODATA;
	}
	if (!fc_fs_uuid_valid(b->uuid)) {
		_cleanup_free_ char *shown = fc_printable(b->uuid, 64);
		*why = fc_asprintf("the UUID of /boot ('%s', from %s) is not "
				   "a form fipsctl passes to grubby",
				   shown, b->uuid_via);
		return -EINVAL;
	}
	/* The kernel helper's judge must agree that this names /boot's
	 * filesystem (and not, say, the EFI system partition). */
	_cleanup_free_ char *value = fc_asprintf("UUID=%s", b->uuid);
	_cleanup_free_ char *judged = NULL;
	if (fc_bootarg_judge(m, b, value, &judged) != FC_BOOTARG_OK) {
		*why = fc_asprintf("boot=%s would not be right: %s", value,
				   judged ? judged : "?");
		return -EINVAL;
	}
	*out = FC_TAKE(value);
	return 0;
}

/* --- staying the default ---------------------------------------------------- */

int fc_updatedefault_get(const struct fc_root *root, char **value, char **why)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	*value = NULL;
	int r = fc_root_read(root, FC_SYSCONFIG_KERNEL, FC_READ_SMALL, &text,
			     &len);
	if (r == -ENOENT)
		return r;
	if (r < 0) {
		*why = fc_asprintf("cannot read " FC_SYSCONFIG_KERNEL ": %s",
				   strerror(-r));
		return r;
	}
	struct fc_kv_list kv = { 0 };
	unsigned line = 0;
	if (fc_kv_parse(text, len, FC_KV_SHELL, &kv, &line) < 0) {
		*why = fc_asprintf(FC_SYSCONFIG_KERNEL ":%u: not KEY=VALUE",
				   line);
		return -EBADMSG;
	}
	const char *v = fc_kv_get(&kv, "UPDATEDEFAULT");
	if (v)
		*value = fc_strdup(v);
	fc_kv_free(&kv);
	return 0;
}

/* Is this line an assignment of UPDATEDEFAULT (leading blanks allowed)? */
static bool updatedefault_line(const char *s, size_t n)
{
	static const char key[] = "UPDATEDEFAULT=";
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return n >= sizeof(key) - 1 && memcmp(s, key, sizeof(key) - 1) == 0;
}

char *fc_updatedefault_set_no(const char *text, size_t len, size_t *out_len)
{
	static const char line_no[] = "UPDATEDEFAULT=no";
	struct fc_buf b = { 0 };
	bool seen = false;
	size_t pos = 0;
	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;
		pos += n + (nl ? 1 : 0);
		if (updatedefault_line(start, n)) {
			fc_buf_adds(&b, line_no);
			seen = true;
		} else {
			fc_buf_add(&b, start, n);
		}
		if (nl)
			fc_buf_adds(&b, "\n");
	}
	if (!seen) {
		if (b.len && b.data[b.len - 1] != '\n')
			fc_buf_adds(&b, "\n");
		if (!b.len)
			fc_buf_adds(&b,
				    "# fipsctl pin-kernel: a newly installed "
				    "kernel must not become the boot "
				    "default\n");
		fc_buf_addf(&b, "%s\n", line_no);
	}
	*out_len = b.len;
	return fc_buf_steal(&b);
}

enum fc_lock_state fc_versionlock_state(const struct fc_root *root,
					const char *evr, const char *arch,
					char **why)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, FC_VERSIONLOCK_LIST, FC_READ_TABLE, &text,
			     &len);
	if (r == -ENOENT)
		return FC_VLOCK_NO_LIST;
	if (r < 0) {
		*why = fc_asprintf("cannot read " FC_VERSIONLOCK_LIST ": %s",
				   strerror(-r));
		return FC_VLOCK_UNKNOWN;
	}
	/* dnf's versionlock plugin matches each line (a NEVRA glob; '!'
	 * excludes, '#' comments) against a package's NEVRA forms;
	 * 'dnf versionlock add' writes "name-epoch:version-release.*". */
	const char *no_epoch = fc_evr_no_epoch(evr);
	char *forms[] = {
		fc_asprintf("%s-0:%s.%s", FC_KERNEL_PACKAGE, no_epoch, arch),
		fc_asprintf("%s-%s.%s", FC_KERNEL_PACKAGE, no_epoch, arch),
		fc_asprintf("%s-0:%s", FC_KERNEL_PACKAGE, no_epoch),
		fc_asprintf("%s-%s", FC_KERNEL_PACKAGE, no_epoch),
	};
	bool locked = false;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && !locked;
	     l = strtok_r(NULL, "\n", &save)) {
		fc_strstrip(l);
		if (!*l || *l == '#' || *l == '!')
			continue;
		for (size_t i = 0; i < FC_ARRAY_SIZE(forms) && !locked; i++)
			locked = fnmatch(l, forms[i], 0) == 0;
	}
	for (size_t i = 0; i < FC_ARRAY_SIZE(forms); i++)
		free(forms[i]);
	return locked ? FC_VLOCK_LOCKED : FC_VLOCK_MISSING;
}

char *fc_versionlock_command(const char *evr)
{
	/* The vendors' advice (TuxCare ESU, CIQ): lock every kernel
	 * sub-package of the validated build. */
	return fc_asprintf("dnf install 'dnf-command(versionlock)' && dnf "
			   "versionlock add 'kernel*-%s'",
			   fc_evr_no_epoch(evr));
}
