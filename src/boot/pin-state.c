// SPDX-License-Identifier: GPL-2.0-or-later
#include "boot/pin-state.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/kv.h"

static const char format_id[] = "fipsctl-pin-state/1";
/* Bounds what a state file may claim, so a damaged one cannot make the
 * parser allocate without end. */
#define MAX_FILES 64

void fc_pin_state_free(struct fc_pin_state *s)
{
	free(s->created);
	free(s->kernel);
	free(s->prev_default_entry);
	free(s->prev_default_kernel);
	free(s->prev_saved_entry);
	free(s->prev_options);
	free(s->prev_updatedefault);
	free(s->created_dir);
	for (size_t i = 0; i < s->n_files; i++) {
		fc_file_image_clear(&s->files[i].before);
		fc_file_image_clear(&s->files[i].after);
	}
	free(s->files);
	memset(s, 0, sizeof(*s));
}

/* ---- encoding ------------------------------------------------------------ */

/* Text values: '%' and control bytes become %XX, the rest stays readable. */
static void add_text(struct fc_buf *b, const char *key, const char *v)
{
	if (!v)
		return;
	fc_buf_addf(b, "%s=", key);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '%')
			fc_buf_addf(b, "%%%02X", *p);
		else
			fc_buf_add(b, p, 1);
	}
	fc_buf_adds(b, "\n");
}

static void add_image(struct fc_buf *b, size_t i, const char *which,
		      const struct fc_file_image *img)
{
	if (!img->exists) {
		fc_buf_addf(b, "FILE_%zu_%s=absent\n", i, which);
		return;
	}
	fc_buf_addf(b, "FILE_%zu_%s_MODE=%04o\n", i, which,
		    (unsigned)img->mode);
	fc_buf_addf(b, "FILE_%zu_%s=hex:", i, which);
	for (size_t k = 0; k < img->len; k++)
		fc_buf_addf(b, "%02x", (unsigned char)img->data[k]);
	fc_buf_adds(b, "\n");
}

char *fc_pin_state_format(const struct fc_pin_state *s, size_t *len)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, "# fipsctl pin-kernel: the boot configuration before "
			"the pin, for 'fipsctl pin-kernel --undo'.\n"
			"# Written by fipsctl; file contents are hex.\n");
	fc_buf_addf(&b, "FORMAT=%s\n", format_id);
	add_text(&b, "CREATED", s->created);
	add_text(&b, "KERNEL", s->kernel);
	fc_buf_addf(&b, "COMPLETE=%d\n", s->complete ? 1 : 0);
	add_text(&b, "PREV_DEFAULT_ENTRY", s->prev_default_entry);
	add_text(&b, "PREV_DEFAULT_KERNEL", s->prev_default_kernel);
	add_text(&b, "PREV_SAVED_ENTRY", s->prev_saved_entry);
	add_text(&b, "PREV_OPTIONS", s->prev_options);
	add_text(&b, "PREV_UPDATEDEFAULT", s->prev_updatedefault);
	add_text(&b, "CREATED_DIR", s->created_dir);
	fc_buf_addf(&b, "FILE_COUNT=%zu\n", s->n_files);
	for (size_t i = 0; i < s->n_files; i++) {
		_cleanup_free_ char *key = fc_asprintf("FILE_%zu_PATH", i);
		add_text(&b, key, s->files[i].before.path);
		add_image(&b, i, "BEFORE", &s->files[i].before);
		if (s->files[i].have_after)
			add_image(&b, i, "AFTER", &s->files[i].after);
	}
	*len = b.len;
	return fc_buf_steal(&b);
}

/* The byte two hex digits at s stand for, or -1. */
static int hex_byte(const char *s)
{
	if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
		return -1;
	char two[3] = { s[0], s[1], '\0' };
	return (int)strtol(two, NULL, 16);
}

static char *get_text(const struct fc_kv_list *kv, const char *key, bool *bad)
{
	const char *v = fc_kv_get(kv, key);
	if (!v)
		return NULL;
	struct fc_buf b = { 0 };
	for (const char *p = v; *p; p++) {
		if (*p != '%') {
			fc_buf_add(&b, p, 1);
			continue;
		}
		int byte = hex_byte(p + 1);
		if (byte <= 0) { /* not hex, or a NUL */
			*bad = true;
			break;
		}
		char c = (char)byte;
		fc_buf_add(&b, &c, 1);
		p += 2;
	}
	return fc_buf_steal(&b);
}

static unsigned line_of(const struct fc_kv_list *kv, const char *key)
{
	for (size_t i = kv->n; i > 0; i--)
		if (fc_streq(kv->items[i - 1].key, key))
			return kv->items[i - 1].line;
	return 0;
}

/* FILE_<i>_<which>: "absent" or "hex:..." with its _MODE. */
static const char *get_image(const struct fc_kv_list *kv, size_t i,
			     const char *which, const char *path,
			     struct fc_file_image *img, bool *present)
{
	_cleanup_free_ char *key = fc_asprintf("FILE_%zu_%s", i, which);
	_cleanup_free_ char *mkey = fc_asprintf("FILE_%zu_%s_MODE", i, which);
	const char *v = fc_kv_get(kv, key);
	*present = v != NULL;
	if (!v)
		return NULL;
	img->path = fc_strdup(path);
	if (fc_streq(v, "absent"))
		return NULL;
	if (!fc_startswith(v, "hex:"))
		return "a file content is neither 'absent' nor 'hex:...'";
	v += 4;
	size_t n = strlen(v);
	if (n % 2)
		return "odd number of hex digits";
	img->data = fc_malloc(n / 2 + 1);
	for (size_t k = 0; k < n / 2; k++) {
		int b = hex_byte(v + 2 * k);
		if (b < 0)
			return "not a hex digit";
		img->data[k] = (char)b;
	}
	img->data[n / 2] = '\0';
	img->len = n / 2;
	img->exists = true;
	const char *m = fc_kv_get(kv, mkey);
	char *end = NULL;
	unsigned long mode = m ? strtoul(m, &end, 8) : 0;
	if (!m || !*m || *end || mode > 07777)
		return "a file without a valid octal _MODE";
	img->mode = (mode_t)mode;
	return NULL;
}

int fc_pin_state_parse(const char *text, size_t len, struct fc_pin_state *out,
		       struct fc_parse_err *err)
{
	struct fc_kv_list kv = { 0 };
	unsigned line = 0;
	memset(out, 0, sizeof(*out));
	if (fc_kv_parse(text, len, FC_KV_RAW, &kv, &line) < 0) {
		*err = (struct fc_parse_err){ line, "not KEY=VALUE" };
		return -EBADMSG;
	}
	const char *what = NULL;
	const char *where = "FORMAT";
	bool bad = false;
	if (!fc_streq(fc_kv_get(&kv, "FORMAT"), format_id)) {
		what = "not a fipsctl-pin-state/1 file";
		goto bad;
	}
	out->created = get_text(&kv, "CREATED", &bad);
	out->kernel = get_text(&kv, "KERNEL", &bad);
	out->prev_default_entry = get_text(&kv, "PREV_DEFAULT_ENTRY", &bad);
	out->prev_default_kernel = get_text(&kv, "PREV_DEFAULT_KERNEL", &bad);
	out->prev_saved_entry = get_text(&kv, "PREV_SAVED_ENTRY", &bad);
	out->prev_options = get_text(&kv, "PREV_OPTIONS", &bad);
	out->prev_updatedefault = get_text(&kv, "PREV_UPDATEDEFAULT", &bad);
	out->created_dir = get_text(&kv, "CREATED_DIR", &bad);
	if (bad) {
		what = "a bad %XX escape";
		where = NULL;
		goto bad;
	}
	where = "KERNEL";
	if (!out->kernel) {
		what = "no KERNEL";
		goto bad;
	}
	where = "COMPLETE";
	const char *c = fc_kv_get(&kv, "COMPLETE");
	if (!fc_streq(c, "0") && !fc_streq(c, "1")) {
		what = "COMPLETE is not 0 or 1";
		goto bad;
	}
	out->complete = fc_streq(c, "1");
	where = "FILE_COUNT";
	const char *nf = fc_kv_get(&kv, "FILE_COUNT");
	char *end = NULL;
	unsigned long n = nf ? strtoul(nf, &end, 10) : 0;
	if (!nf || !*nf || *end || n > MAX_FILES) {
		what = "FILE_COUNT is not a number up to 64";
		goto bad;
	}
	out->files = fc_calloc(n ? n : 1, sizeof(*out->files));
	for (size_t i = 0; i < n; i++) {
		struct fc_pin_file *f = &out->files[i];
		out->n_files++;
		_cleanup_free_ char *pkey = fc_asprintf("FILE_%zu_PATH", i);
		_cleanup_free_ char *path = get_text(&kv, pkey, &bad);
		if (!path || bad || path[0] != '/') {
			what = "a FILE_<n>_PATH is missing or not absolute";
			where = NULL;
			goto bad;
		}
		bool present = false;
		what = get_image(&kv, i, "BEFORE", path, &f->before, &present);
		if (!what && !present)
			what = "a file without FILE_<n>_BEFORE";
		if (!what)
			what = get_image(&kv, i, "AFTER", path, &f->after,
					 &f->have_after);
		if (!what && out->complete && !f->have_after)
			what = "a complete state without FILE_<n>_AFTER";
		if (what) {
			where = NULL;
			goto bad;
		}
	}
	fc_kv_free(&kv);
	return 0;
bad:
	*err = (struct fc_parse_err){ where ? line_of(&kv, where) : 0, what };
	fc_kv_free(&kv);
	fc_pin_state_free(out);
	return -EBADMSG;
}

/* ---- on disk ----------------------------------------------------------- */

int fc_pin_state_load(const struct fc_root *root, struct fc_pin_state *out,
		      char **why)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	_cleanup_free_ char *shown = fc_root_display(root, FC_PIN_STATE_PATH);
	int r = fc_root_read(root, FC_PIN_STATE_PATH, FC_PIN_STATE_MAX, &text,
			     &len);
	if (r == -ENOENT)
		return r;
	if (r < 0) {
		*why = fc_asprintf("cannot read %s: %s", shown, strerror(-r));
		return r;
	}
	struct fc_parse_err err = { 0 };
	r = fc_pin_state_parse(text, len, out, &err);
	if (r < 0)
		*why = err.line ? fc_asprintf("%s:%u: %s", shown, err.line,
					      err.what)
				: fc_asprintf("%s: %s", shown, err.what);
	return r;
}

int fc_pin_state_save(const struct fc_root *root, struct fc_pin_state *s,
		      char **why)
{
	char *made = NULL;
	int r = fc_root_mkdirs(root, FC_PIN_STATE_DIR, 0700, &made, why);
	if (r < 0)
		return r;
	if (made) {
		free(s->created_dir);
		s->created_dir = made;
	}
	size_t len = 0;
	_cleanup_free_ char *text = fc_pin_state_format(s, &len);
	return fc_root_write_atomic(root, FC_PIN_STATE_PATH, text, len, 0600,
				    why);
}

int fc_pin_state_remove(const struct fc_root *root,
			const struct fc_pin_state *s, char **why)
{
	int r = fc_root_unlink(root, FC_PIN_STATE_PATH, why);
	if (r < 0 && r != -ENOENT)
		return r;
	if (r == -ENOENT) {
		free(*why);
		*why = NULL;
	}
	if (!s->created_dir)
		return 0;
	/* Remove what the pin created, innermost first, while empty. */
	_cleanup_free_ char *dir = fc_strdup(FC_PIN_STATE_DIR);
	for (;;) {
		if (fc_root_rmdir(root, dir) < 0)
			break;
		if (fc_streq(dir, s->created_dir))
			break;
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	return 0;
}

int fc_pin_lock(const struct fc_root *root, int *fd, char **why)
{
	_cleanup_free_ char *shown = fc_root_display(root, FC_PIN_LOCK_PATH);
	char *made = NULL;
	int r = fc_root_mkdirs(root, "/run", 0755, &made, why);
	free(made);
	if (r < 0)
		return r;
	_cleanup_free_ char *res = NULL;
	_cleanup_close_ int rfd = -1;
	int lfd = -1;
	r = fc_root_resolve(root, FC_PIN_LOCK_PATH, true, &res);
	if (r == 0) {
		rfd = fc_root_open(root, "/", O_RDONLY | O_DIRECTORY);
		r = rfd < 0 ? rfd : 0;
	}
	if (r == 0) {
		lfd = openat(rfd, res + 1,
			     O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		r = lfd < 0 ? -errno : 0;
	}
	if (r < 0) {
		*why = fc_asprintf("cannot open the lock %s: %s", shown,
				   strerror(-r));
		return r;
	}
	if (flock(lfd, LOCK_EX | LOCK_NB) < 0) {
		r = errno == EWOULDBLOCK ? -EBUSY : -errno;
		char pid[32] = "";
		ssize_t n = pread(lfd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		fc_strstrip(pid);
		_cleanup_free_ char *shown_pid = fc_printable(pid, 20);
		*why = r == -EBUSY
			       ? fc_asprintf("another 'fipsctl pin-kernel' is running "
					     "on this system (it holds %s%s%s)",
					     shown, *shown_pid ? ", pid " : "",
					     shown_pid)
			       : fc_asprintf("cannot lock %s: %s", shown,
					     strerror(-r));
		close(lfd);
		return r;
	}
	/* The holder's pid, for the message the next run prints. */
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(lfd, 0) < 0 || pwrite(lfd, buf, (size_t)n, 0) != n) {
		r = -errno;
		*why = fc_asprintf("cannot write %s: %s", shown,
				   strerror(errno));
		close(lfd);
		return r;
	}
	*fd = lfd;
	return 0;
}
