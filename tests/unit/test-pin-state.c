// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/boot/pin-state.c: the state file survives any bytes, a
 * damaged one is refused with its line, and the lock keeps a second
 * holder out.
 */
#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include "boot/pin-state.h"

static void image(struct fc_file_image *img, const char *path, const char *data,
		  size_t len, mode_t mode)
{
	memset(img, 0, sizeof(*img));
	img->path = fc_strdup(path);
	if (!data)
		return;
	img->exists = true;
	img->data = fc_malloc(len + 1);
	memcpy(img->data, data, len);
	img->data[len] = '\0';
	img->len = len;
	img->mode = mode;
}

static void sample(struct fc_pin_state *s, bool complete)
{
	memset(s, 0, sizeof(*s));
	s->created = fc_strdup("2026-11-22T00:00:00Z");
	s->kernel = fc_strdup("5.14.0-284.11.1.el9_2.tuxcare.6.x86_64");
	s->prev_default_entry = fc_strdup("id with\nnewline %41 and \x01");
	s->prev_default_kernel = fc_strdup("/vmlinuz-5.14.0");
	s->prev_options = fc_strdup("root=/dev/x ro $tuned_params ");
	s->prev_updatedefault = NULL; /* not set */
	s->prev_saved_entry = fc_strdup("");
	s->complete = complete;
	s->n_files = 2;
	s->files = fc_calloc(2, sizeof(*s->files));
	static const char bin[] = "a\0b\nc\r\n%%\xff";
	image(&s->files[0].before, "/boot/grub2/grubenv", bin, sizeof(bin) - 1,
	      0644);
	image(&s->files[1].before, "/etc/sysconfig/kernel", NULL, 0, 0);
	if (complete) {
		s->files[0].have_after = true;
		image(&s->files[0].after, "/boot/grub2/grubenv", "x", 1, 0600);
		s->files[1].have_after = true;
		image(&s->files[1].after, "/etc/sysconfig/kernel",
		      "UPDATEDEFAULT=no\n", 17, 0644);
	}
}

static bool same_image(const struct fc_file_image *a,
		       const struct fc_file_image *b)
{
	return fc_streq(a->path, b->path) && fc_file_image_same(a, b) &&
	       (!a->exists || a->mode == b->mode);
}

static void test_round_trip(void)
{
	for (int complete = 0; complete < 2; complete++) {
		struct fc_pin_state s, t;
		sample(&s, complete);
		size_t len = 0;
		char *text = fc_pin_state_format(&s, &len);
		CHECK(len == strlen(text));
		CHECK(text[len - 1] == '\n');
		struct fc_parse_err err = { 0 };
		CHECK_INT(fc_pin_state_parse(text, len, &t, &err), 0);
		CHECK_STR(t.kernel, s.kernel);
		CHECK_STR(t.created, s.created);
		CHECK_STR(t.prev_default_entry, s.prev_default_entry);
		CHECK_STR(t.prev_options, s.prev_options);
		CHECK_STR(t.prev_saved_entry, "");
		CHECK(t.prev_updatedefault == NULL);
		CHECK(t.created_dir == NULL);
		CHECK_INT(t.complete, complete);
		CHECK_INT(t.n_files, 2);
		for (size_t i = 0; i < 2 && t.n_files == 2; i++) {
			CHECK(same_image(&s.files[i].before,
					 &t.files[i].before));
			CHECK_INT(t.files[i].have_after, complete);
			if (complete)
				CHECK(same_image(&s.files[i].after,
						 &t.files[i].after));
		}
		free(text);
		fc_pin_state_free(&s);
		fc_pin_state_free(&t);
	}
}

static void bad(const char *text, const char *what)
{
	struct fc_pin_state s;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_pin_state_parse(text, strlen(text), &s, &err), -EBADMSG);
	CHECK_STR(err.what, what);
}

#define HEAD "FORMAT=fipsctl-pin-state/1\nKERNEL=5.14.0-1.x86_64\n"

static void test_damaged(void)
{
	bad("", "not a fipsctl-pin-state/1 file");
	bad("FORMAT=fipsctl-pin-state/2\n", "not a fipsctl-pin-state/1 file");
	bad("no equals\n", "not KEY=VALUE");
	bad("FORMAT=fipsctl-pin-state/1\nCOMPLETE=0\nFILE_COUNT=0\n",
	    "no KERNEL");
	bad(HEAD "COMPLETE=2\nFILE_COUNT=0\n", "COMPLETE is not 0 or 1");
	bad(HEAD "COMPLETE=0\n", "FILE_COUNT is not a number up to 64");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=65\n",
	    "FILE_COUNT is not a number up to 64");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\n",
	    "a FILE_<n>_PATH is missing or not absolute");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=rel\n",
	    "a FILE_<n>_PATH is missing or not absolute");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\n",
	    "a file without FILE_<n>_BEFORE");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\nFILE_0_BEFORE=x\n",
	    "a file content is neither 'absent' nor 'hex:...'");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\n"
		 "FILE_0_BEFORE=hex:abc\n",
	    "odd number of hex digits");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\n"
		 "FILE_0_BEFORE=hex:zz\n",
	    "not a hex digit");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\n"
		 "FILE_0_BEFORE=hex:41\n",
	    "a file without a valid octal _MODE");
	bad(HEAD "COMPLETE=0\nFILE_COUNT=1\nFILE_0_PATH=/a\n"
		 "FILE_0_BEFORE=hex:41\nFILE_0_BEFORE_MODE=99\n",
	    "a file without a valid octal _MODE");
	bad(HEAD "COMPLETE=1\nFILE_COUNT=1\nFILE_0_PATH=/a\n"
		 "FILE_0_BEFORE=absent\n",
	    "a complete state without FILE_<n>_AFTER");
	bad(HEAD "PREV_OPTIONS=%zz\nCOMPLETE=0\nFILE_COUNT=0\n",
	    "a bad %XX escape");
	bad(HEAD "PREV_OPTIONS=%00\nCOMPLETE=0\nFILE_COUNT=0\n",
	    "a bad %XX escape");
	/* The line of the offending key is given. */
	struct fc_pin_state s;
	struct fc_parse_err err = { 0 };
	static const char t[] = HEAD "COMPLETE=7\nFILE_COUNT=0\n";
	CHECK_INT(fc_pin_state_parse(t, strlen(t), &s, &err), -EBADMSG);
	CHECK_INT(err.line, 3);
}

static char dir[] = "/tmp/fc-pinstate-XXXXXX";

static void test_save_load_remove(void)
{
	CHECK(mkdtemp(dir) != NULL);
	struct fc_root *root = NULL;
	CHECK_INT(fc_root_new(dir, &root), 0);
	struct fc_pin_state s, t;
	sample(&s, true);
	char *why = NULL;
	CHECK_INT(fc_pin_state_load(root, &t, &why), -ENOENT);
	CHECK_INT(fc_pin_state_save(root, &s, &why), 0);
	CHECK_STR(s.created_dir, "/var");
	char *p = fc_asprintf("%s/var/lib/fipsctl", dir);
	struct stat st;
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0700);
	free(p);
	CHECK_INT(fc_pin_state_load(root, &t, &why), 0);
	CHECK_STR(t.created_dir, "/var");
	CHECK_STR(t.kernel, s.kernel);
	CHECK_INT(fc_pin_state_remove(root, &t, &why), 0);
	p = fc_asprintf("%s/var", dir);
	CHECK(stat(p, &st) < 0 && errno == ENOENT);
	free(p);
	fc_pin_state_free(&s);
	fc_pin_state_free(&t);

	/* A directory that existed stays. */
	p = fc_asprintf("%s/var/lib", dir);
	char *cmd = fc_asprintf("mkdir -p %s", p);
	CHECK(system(cmd) == 0);
	sample(&s, false);
	CHECK_INT(fc_pin_state_save(root, &s, &why), 0);
	CHECK_STR(s.created_dir, "/var/lib/fipsctl");
	CHECK_INT(fc_pin_state_remove(root, &s, &why), 0);
	CHECK(stat(p, &st) == 0);
	fc_pin_state_free(&s);
	free(p);
	free(cmd);

	/* The lock: a second holder is refused and told who holds it. */
	int fd1 = -1, fd2 = -1;
	CHECK_INT(fc_pin_lock(root, &fd1, &why), 0);
	CHECK_INT(fc_pin_lock(root, &fd2, &why), -EBUSY);
	char *pid = fc_asprintf("pid %ld", (long)getpid());
	CHECK(why && strstr(why, "another 'fipsctl pin-kernel' is running") &&
	      strstr(why, pid));
	free(pid);
	free(why);
	why = NULL;
	close(fd1);
	CHECK_INT(fc_pin_lock(root, &fd2, &why), 0);
	close(fd2);

	fc_root_free(root);
	cmd = fc_asprintf("rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_damaged);
	RUN(test_save_load_remove);
	TEST_MAIN_END();
}
