// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/boot/boot-conf.c: the BLS entries and the grubenv of
 * a scratch root as GRUB reads them, the default entry, and kernel image
 * names.
 */
#include "harness.h"

#include "boot/boot-conf.h"

#define REL_OLD "5.14.0-162.6.1.el9_1.x86_64"
#define REL_NEW "5.14.0-284.11.1.el9_2.x86_64"
#define MID "0123456789abcdef0123456789abcdef"

static void test_vmlinuz(void)
{
	char *r = fc_vmlinuz_release("/boot/vmlinuz-5.14.0-1.el9.x86_64");
	CHECK_STR(r, "5.14.0-1.el9.x86_64");
	free(r);
	r = fc_vmlinuz_release("vmlinuz-6.1");
	CHECK_STR(r, "6.1");
	free(r);
	CHECK(fc_vmlinuz_release("/boot/vmlinuz-") == NULL);
	CHECK(fc_vmlinuz_release("/boot/vmlinux-6.1") == NULL);
	CHECK(fc_vmlinuz_release("/boot/efi/vmlinuz/x") == NULL);
	CHECK(fc_vmlinuz_is("/vmlinuz-6.1", "6.1"));
	CHECK(fc_vmlinuz_is("/boot/vmlinuz-6.1", "6.1"));
	CHECK(!fc_vmlinuz_is("/boot/vmlinuz-6.1", "6.10"));
	CHECK(!fc_vmlinuz_is("/boot/vmlinuz-6.10", "6.1"));
}

/* A grubenv block as grub-editenv writes it: padded to 1024 bytes. */
static void put_grubenv(const char *dir, const char *lines)
{
	char buf[FC_GRUBENV_SIZE + 1];
	int n = snprintf(buf, sizeof(buf), "# GRUB Environment Block\n%s",
			 lines);
	if (n < 0 || n >= FC_GRUBENV_SIZE)
		t_die("grubenv");
	memset(buf + n, '#', FC_GRUBENV_SIZE - (size_t)n);
	buf[FC_GRUBENV_SIZE] = '\0';
	t_put(dir, "boot/grub2/grubenv", buf);
}

static void put_entries(const char *dir)
{
	t_put(dir, "boot/loader/entries/" MID "-" REL_NEW ".conf",
	      "title New\nversion " REL_NEW "\nlinux /vmlinuz-" REL_NEW
	      "\noptions $kernelopts\n");
	t_put(dir, "boot/loader/entries/" MID "-" REL_OLD ".conf",
	      "title Old\nversion " REL_OLD "\nlinux /vmlinuz-" REL_OLD
	      "\noptions root=/dev/vda2 ro fips=1\n");
}

static struct fc_root *open_root(const char *dir)
{
	struct fc_root *root = NULL;
	if (fc_root_new(dir, &root) < 0)
		t_die(dir);
	return root;
}

static void test_saved_entry_pins(void)
{
	char dir[] = "/tmp/fc-boot-conf-XXXXXX";
	t_tree(dir);
	put_entries(dir);
	put_grubenv(dir, "saved_entry=" MID "-" REL_OLD
			 "\nkernelopts=root=/dev/vda2 ro\n");
	struct fc_root *root = open_root(dir);
	struct fc_boot_conf c;
	char *why = NULL;
	CHECK_INT(fc_boot_conf_load(root, NULL, &c, &why), 0);
	CHECK(c.have_env);
	CHECK_INT(c.env_err, 0);
	CHECK(fc_boot_conf_default_known(&c));
	CHECK_STR(c.saved_entry, MID "-" REL_OLD);
	CHECK_INT(c.via, FC_BLS_DEFAULT_SAVED_ID);
	CHECK(c.def && fc_boot_conf_boots(&c, c.def, REL_OLD));
	CHECK(fc_boot_conf_pinned_to(&c, REL_OLD));
	CHECK(!fc_boot_conf_pinned_to(&c, REL_NEW));
	/* The newer entry takes its options from the grubenv. */
	const struct fc_bls_entry *e = NULL;
	for (size_t i = 0; i < c.dir.n; i++)
		if (fc_boot_conf_boots(&c, c.dir.entries[i], REL_NEW))
			e = c.dir.entries[i];
	CHECK(e != NULL);
	if (e) {
		const struct fc_grub_boot *b = fc_boot_conf_boot(&c, e);
		CHECK_STR(b->options, "root=/dev/vda2 ro ");
		CHECK_STR(b->cmdline, "BOOT_IMAGE=($root)/vmlinuz-" REL_NEW
				      " root=/dev/vda2 ro");
		CHECK_STR(b->image, "/vmlinuz-" REL_NEW);
		CHECK_INT(b->n_unknowns, 0);
	}
	fc_boot_conf_free(&c);
	fc_root_free(root);
	t_rmtree(dir);
}

static void test_grubenv_missing_or_malformed(void)
{
	char dir[] = "/tmp/fc-boot-conf-XXXXXX";
	t_tree(dir);
	put_entries(dir);
	struct fc_root *root = open_root(dir);
	struct fc_boot_conf c;
	char *why = NULL;
	/* No grubenv: GRUB has no saved_entry either, so the first entry
	 * in menu order is the default, and that is certain. */
	CHECK_INT(fc_boot_conf_load(root, NULL, &c, &why), 0);
	CHECK(!c.have_env);
	CHECK_INT(c.env_err, -ENOENT);
	CHECK_STR(c.env_why, FC_GRUBENV_PATH " does not exist");
	CHECK(fc_boot_conf_default_known(&c));
	CHECK_INT(c.via, FC_BLS_DEFAULT_FIRST);
	CHECK(c.def && fc_boot_conf_boots(&c, c.def, REL_NEW));
	/* ...but nothing names it, so a newer kernel would take over. */
	CHECK(!fc_boot_conf_pinned_to(&c, REL_NEW));
	fc_boot_conf_free(&c);

	t_put(dir, "boot/grub2/grubenv", "saved_entry=x\n");
	CHECK_INT(fc_boot_conf_load(root, NULL, &c, &why), 0);
	CHECK(!c.have_env);
	CHECK_INT(c.env_err, -EBADMSG);
	CHECK(c.env_why && strstr(c.env_why, "is malformed (line 1"));
	CHECK(!fc_boot_conf_default_known(&c));
	fc_boot_conf_free(&c);
	fc_root_free(root);
	t_rmtree(dir);
}

static void test_no_entries_dir(void)
{
	char dir[] = "/tmp/fc-boot-conf-XXXXXX";
	t_tree(dir);
	struct fc_root *root = open_root(dir);
	struct fc_boot_conf c;
	char *why = NULL;
	CHECK_INT(fc_boot_conf_load(root, NULL, &c, &why), -ENOENT);
	CHECK(why != NULL);
	free(why);
	fc_root_free(root);
	t_rmtree(dir);
}

int main(void)
{
	RUN(test_vmlinuz);
	RUN(test_saved_entry_pins);
	RUN(test_grubenv_missing_or_malformed);
	RUN(test_no_entries_dir);
	TEST_MAIN_END();
}
