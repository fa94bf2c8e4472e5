// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/bls.c: BLS entries as EL9's GRUB reads them. */
#include "harness.h"

#include <sys/stat.h>

#include "parse/bls.h"

#define MID "0123456789abcdef0123456789abcdef"

/* An entry as kernel-install writes it on EL9.2. */
static const char el9_entry[] =
	"title AlmaLinux (5.14.0-284.11.1.el9_2.x86_64) 9.2 (Turquoise Kodkod)\n"
	"version 5.14.0-284.11.1.el9_2.x86_64\n"
	"linux /vmlinuz-5.14.0-284.11.1.el9_2.x86_64\n"
	"initrd /initramfs-5.14.0-284.11.1.el9_2.x86_64.img $tuned_initrd\n"
	"options root=/dev/mapper/almalinux-root ro crashkernel=1G-4G:192M "
	"resume=/dev/mapper/almalinux-swap rd.lvm.lv=almalinux/root "
	"fips=1 boot=UUID=6c7e1f0b-1a2b-4c3d-9e8f-0a1b2c3d4e5f $tuned_params\n"
	"grub_users $grub_users\n"
	"grub_arg --unrestricted\n"
	"grub_class almalinux\n";

static struct fc_bls_entry parse(const char *id, const char *text)
{
	struct fc_bls_entry e;
	struct fc_parse_err err = { 0 };
	int r = fc_bls_parse(id, text, strlen(text), &e, &err);
	if (r < 0) {
		fprintf(stderr, "parse %s: line %u: %s\n", id, err.line,
			err.what);
		exit(2);
	}
	return e;
}

static void test_el9_entry(void)
{
	struct fc_bls_entry e = parse(MID "-5.14.0-284.11.1.el9_2.x86_64",
				      el9_entry);
	CHECK_STR(fc_bls_get(&e, "linux"),
		  "/vmlinuz-5.14.0-284.11.1.el9_2.x86_64");
	CHECK_STR(fc_bls_get(&e, "grub_arg"), "--unrestricted");
	CHECK_STR(fc_bls_get(&e, "grub_users"), "$grub_users");
	CHECK_INT(fc_bls_count(&e, "initrd"), 1);
	CHECK_INT(e.n_lines, 8);
	CHECK_INT(e.stopped_at, 0);
	CHECK(!fc_bls_is_rescue(&e));
	char *v = fc_bls_kernel_version(&e);
	CHECK_STR(v, "5.14.0-284.11.1.el9_2.x86_64");
	free(v);
	fc_bls_entry_free(&e);
}

static void test_layout_rules(void)
{
	/* Comments, leading blanks, CRLF, a tab separator, repeated keys. */
	struct fc_bls_entry e = parse(
		"x", "# written by hand\r\n"
		     "  title Hand made\r\n"
		     "\tlinux\t/vmlinuz-6.1\r\n"
		     "initrd /a.img\n"
		     "initrd /b.img\n"
		     "options fips=1 first\n"
		     "options fips=0 second\n"
		     "  # indented comment\n");
	CHECK_STR(fc_bls_get(&e, "title"), "Hand made");
	CHECK_STR(fc_bls_get(&e, "linux"), "/vmlinuz-6.1");
	CHECK_INT(fc_bls_count(&e, "initrd"), 2);
	/* GRUB takes the first of a repeated key. */
	CHECK_STR(fc_bls_get(&e, "options"), "fips=1 first");
	CHECK_INT(fc_bls_count(&e, "options"), 2);
	CHECK_INT(e.stopped_at, 0);
	char *v = fc_bls_kernel_version(&e);
	CHECK_STR(v, "6.1"); /* from the image name: no version line */
	free(v);
	fc_bls_entry_free(&e);

	/* The key ends at the first space, even after a tab: GRUB's rule. */
	e = parse("y", "linux\t/vmlinuz-1 x\n");
	CHECK(fc_bls_get(&e, "linux") == NULL);
	CHECK_STR(fc_bls_get(&e, "linux\t/vmlinuz-1"), "x");
	fc_bls_entry_free(&e);
}

static void test_malformed_lines(void)
{
	/* A blank line ends GRUB's reading: the fips=1 after it is lost. */
	struct fc_bls_entry e = parse("blank", "linux /v\n"
					       "options ro\n"
					       "\n"
					       "options fips=1\n");
	CHECK_INT(e.stopped_at, 3);
	CHECK(e.ignored_keys);
	CHECK_INT(fc_bls_count(&e, "options"), 1);
	CHECK_STR(fc_bls_get(&e, "options"), "ro");
	fc_bls_entry_free(&e);

	/* A key without a value ends it too; comments after do not count. */
	e = parse("novalue", "linux /v\ninitrd\n# only a comment\n");
	CHECK_INT(e.stopped_at, 2);
	CHECK(!e.ignored_keys);
	fc_bls_entry_free(&e);

	/* "key " (one space, nothing after) stops; "key  " gives "". */
	e = parse("space", "linux /v\ntitle  \noptions \nfoo bar\n");
	CHECK_STR(fc_bls_get(&e, "title"), "");
	CHECK_INT(e.stopped_at, 3);
	CHECK(e.ignored_keys);
	fc_bls_entry_free(&e);

	/* A trailing blank line stops nothing that matters. */
	e = parse("trailing", "linux /v\noptions fips=1\n\n");
	CHECK_INT(e.stopped_at, 3);
	CHECK(!e.ignored_keys);
	CHECK_STR(fc_bls_get(&e, "options"), "fips=1");
	fc_bls_entry_free(&e);

	/* A NUL byte is refused with its line. */
	static const char nul[] = "linux /v\noptions fips=1\0 x\n";
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_bls_parse("nul", nul, sizeof(nul) - 1, &e, &err),
		  -EBADMSG);
	CHECK_INT(err.line, 2);
	CHECK_STR(err.what, "NUL byte");

	/* Empty input: an entry without keys. */
	e = parse("empty", "");
	CHECK_INT(e.n_lines, 0);
	CHECK(fc_bls_kernel_version(&e) == NULL);
	fc_bls_entry_free(&e);
}

static void test_rescue(void)
{
	struct fc_bls_entry e = parse(
		MID "-0-rescue",
		"title AlmaLinux (0-rescue-" MID ") 9.2\n"
		"version 0-rescue-" MID "\n"
		"linux /vmlinuz-0-rescue-" MID "\n");
	CHECK(fc_bls_is_rescue(&e));
	fc_bls_entry_free(&e);
}

static void test_id_order(void)
{
	const char *newer = MID "-5.14.0-284.11.1.el9_2.x86_64";
	const char *older = MID "-5.14.0-70.13.1.el9_0.x86_64";
	const char *rescue = MID "-0-rescue";
	CHECK(fc_bls_id_cmp(newer, older) > 0);
	CHECK(fc_bls_id_cmp(older, newer) < 0);
	/* The rescue entry's "version" 0 is older than any kernel. */
	CHECK(fc_bls_id_cmp(older, rescue) > 0);
	CHECK_INT(fc_bls_id_cmp(newer, newer), 0);
	/* Same release prefix, the update is newer. */
	CHECK(fc_bls_id_cmp(MID "-5.14.0-362.13.1.el9_3.x86_64",
			    MID "-5.14.0-362.8.1.el9_3.x86_64") > 0);
	/* No dash at all, one dash. */
	CHECK(fc_bls_id_cmp("b", "a") > 0);
	CHECK(fc_bls_id_cmp("m-2", "m-10") < 0);
}

static char dir[] = "/tmp/fc-bls-XXXXXX";

static void put(const char *rel, const char *data)
{
	char p[512];
	snprintf(p, sizeof(p), "boot/loader/entries/%s", rel);
	t_put(dir, p, data);
}

static void entry_file(const char *ver, const char *extra)
{
	char name[256], text[1024];
	snprintf(name, sizeof(name), MID "-%s.conf", ver);
	snprintf(text, sizeof(text),
		 "title T %s\nversion %s\nlinux /vmlinuz-%s\n%s", ver, ver,
		 ver, extra);
	put(name, text);
}

static void setup(void)
{
	char p[512];
	t_tree(dir);
	t_mkdirs(dir, "boot/loader/entries");
	entry_file("5.14.0-70.13.1.el9_0.x86_64", "options fips=1\n");
	entry_file("5.14.0-284.11.1.el9_2.x86_64", "options fips=1\n");
	entry_file("5.14.0-162.6.1.el9_1.x86_64", "options fips=1\n");
	put(MID "-0-rescue.conf", "title rescue\nlinux /vmlinuz-0-rescue-" MID
				  "\noptions ro\n");
	/* Not in GRUB's menu: no linux line. */
	put(MID "-9.9.9-1.conf", "title broken\nversion 9.9.9-1\n");
	/* Ignored by blscfg: hidden, not .conf, nothing before .conf. */
	put(".hidden.conf", "linux /x\n");
	put("notes.txt", "linux /x\n");
	put(".conf", "linux /x\n");
	static const char nul[] = "linux /x\0\n";
	snprintf(p, sizeof(p), "%s/boot/loader/entries/nul.conf", dir);
	FILE *f = fopen(p, "w");
	if (!f || fwrite(nul, 1, sizeof(nul) - 1, f) != sizeof(nul) - 1) {
		perror(p);
		exit(2);
	}
	fclose(f);
}

static void test_dir_order_and_default(void)
{
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new(dir, &root), 0);
	struct fc_bls_dir d;
	char *why = NULL;
	CHECK_INT(fc_bls_load_dir(root, FC_BLS_DIR, &d, &why), 0);
	CHECK(why == NULL);
	CHECK_INT(d.n, 5);
	if (d.n != 5)
		goto out;
	CHECK_STR(d.entries[0]->id, MID "-9.9.9-1");
	CHECK_STR(d.entries[1]->id, MID "-5.14.0-284.11.1.el9_2.x86_64");
	CHECK_STR(d.entries[2]->id, MID "-5.14.0-162.6.1.el9_1.x86_64");
	CHECK_STR(d.entries[3]->id, MID "-5.14.0-70.13.1.el9_0.x86_64");
	CHECK_STR(d.entries[4]->id, MID "-0-rescue");
	CHECK_STR(d.entries[1]->path,
		  FC_BLS_DIR "/" MID "-5.14.0-284.11.1.el9_2.x86_64.conf");
	CHECK_INT(d.n_bad, 1);
	CHECK_STR(d.bad[0].file, "nul.conf");
	CHECK_STR(d.bad[0].why, "line 1: NUL byte");

	const struct fc_bls_entry *e = NULL;
	/* No saved_entry: the first menu entry (the linux-less one is not
	 * in the menu). */
	CHECK_INT(fc_bls_default(&d, NULL, &e), FC_BLS_DEFAULT_FIRST);
	CHECK(e == d.entries[1]);
	CHECK_INT(fc_bls_default(&d, "", &e), FC_BLS_DEFAULT_FIRST);
	CHECK_INT(fc_bls_default(&d, MID "-5.14.0-70.13.1.el9_0.x86_64", &e),
		  FC_BLS_DEFAULT_SAVED_ID);
	CHECK(e == d.entries[3]);
	CHECK_INT(fc_bls_default(&d, "T 5.14.0-162.6.1.el9_1.x86_64", &e),
		  FC_BLS_DEFAULT_SAVED_TITLE);
	CHECK(e == d.entries[2]);
	/* Menu positions skip the entry that is not in the menu. */
	CHECK_INT(fc_bls_default(&d, "1", &e), FC_BLS_DEFAULT_SAVED_INDEX);
	CHECK(e == d.entries[2]);
	CHECK_INT(fc_bls_default(&d, "3", &e), FC_BLS_DEFAULT_SAVED_INDEX);
	CHECK(e == d.entries[4]);
	CHECK_INT(fc_bls_default(&d, "4", &e), FC_BLS_DEFAULT_SAVED_MISSING);
	CHECK(e == d.entries[1]);
	/* A removed kernel's id: GRUB falls back to the first entry. */
	CHECK_INT(fc_bls_default(&d, MID "-5.14.0-1.el9.x86_64", &e),
		  FC_BLS_DEFAULT_SAVED_MISSING);
	CHECK(e == d.entries[1]);
	/* The linux-less entry cannot be the default. */
	CHECK_INT(fc_bls_default(&d, MID "-9.9.9-1", &e),
		  FC_BLS_DEFAULT_SAVED_MISSING);
	fc_bls_dir_free(&d);

	/* An empty directory: nothing to boot. */
	struct fc_bls_dir empty = { 0 };
	CHECK_INT(fc_bls_default(&empty, NULL, &e), FC_BLS_DEFAULT_NONE);
	CHECK(e == NULL);

	CHECK_INT(fc_bls_load_dir(root, "/boot/nonexistent", &d, &why),
		  -ENOENT);
	CHECK(why != NULL && strstr(why, "/boot/nonexistent") != NULL);
	free(why);
out:
	fc_root_free(root);
}

int main(void)
{
	setup();
	RUN(test_el9_entry);
	RUN(test_layout_rules);
	RUN(test_malformed_lines);
	RUN(test_rescue);
	RUN(test_id_order);
	RUN(test_dir_order_and_default);
	t_rmtree(dir);
	TEST_MAIN_END();
}
