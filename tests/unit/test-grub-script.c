// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/grub-script.c: what EL9's GRUB passes to the
 * kernel for a BLS entry.  One row per construct of the model, with the
 * arguments the kernel receives and the note or "unknown" it reports.
 * The expectations follow rhboot/grub2's blscfg.c (expand_val,
 * field_append), grub-core/script/yylex.l, execute.c and lib/cmdline.c.
 */
#include "harness.h"

#include "parse/grub-script.h"

/*
 * The test's variables: "name=value" rows are set, "name?" rows are
 * values fipsctl cannot know; $root is GRUB's own (src/parse/grub-cfg.c
 * says so too): the image word is a template, not an unknown argument.
 */
static enum fc_grub_var_state get(const void *ud, enum fc_grub_stage st,
				  const char *name, const char **value,
				  const char **why)
{
	(void)st;
	if (strcmp(name, "root") == 0) {
		*why = "GRUB sets it itself at boot";
		return FC_GRUB_VAR_UNKNOWN;
	}
	for (const char *const *e = ud; e && *e; e++) {
		size_t n = strlen(name);
		if (strncmp(*e, name, n) != 0)
			continue;
		if ((*e)[n] == '=') {
			*value = *e + n + 1;
			return FC_GRUB_VAR_SET;
		}
		if ((*e)[n] == '?' && !(*e)[n + 1]) {
			*why = "set by a script fipsctl does not run";
			return FC_GRUB_VAR_UNKNOWN;
		}
	}
	return FC_GRUB_VAR_UNSET;
}

struct row {
	const char *construct;
	const char *options;   /* NULL: the entry has no options line */
	const char *env[4]; /* "name=value", or "name?": not known */
	const char *args;      /* the kernel's arguments, '|' between them;
				* NULL when the model must not be sure */
	const char *cmdline;   /* after "BOOT_IMAGE=($root)/vmlinuz-k" */
	const char *note;      /* a substring of one note, or NULL (none) */
	const char *unknown;   /* a substring of one unknown, or NULL (none) */
};

#define FIPS "fips=1 boot=UUID=5f1d"

static const struct row rows[] = {
	{ "words split on blanks", "root=/dev/vda ro  " FIPS, { 0 },
	  "root=/dev/vda|ro|fips=1|boot=UUID=5f1d",
	  " root=/dev/vda ro fips=1 boot=UUID=5f1d", NULL, NULL },
	{ "'#' at a word's start comments out the rest", "ro quiet #x " FIPS,
	  { 0 }, "ro|quiet", " ro quiet",
	  "'#' starts a comment: GRUB drops '#x fips=1", NULL },
	{ "'#' inside a word is text", "ro a#b " FIPS, { 0 },
	  "ro|a#b|fips=1|boot=UUID=5f1d", " ro a#b fips=1 boot=UUID=5f1d",
	  NULL, NULL },
	{ "';' ends the linux command; an assignment follows", "ro ; " FIPS,
	  { 0 }, "ro", " ro",
	  "';' ends the linux command: GRUB runs 'fips=1' as a variable "
	  "assignment", NULL },
	{ "';' glued to a word", "ro;fips=1", { 0 }, "ro", " ro",
	  "';' ends the linux command", NULL },
	{ "a command other than an assignment after ';'", "ro fips=1 ; echo hi",
	  { 0 }, NULL, NULL, NULL, "GRUB runs 'echo' after the linux command" },
	{ "grubenv variable, its value split into words", "$kernelopts",
	  { "kernelopts=ro " FIPS }, "ro|fips=1|boot=UUID=5f1d",
	  " ro fips=1 boot=UUID=5f1d", NULL, NULL },
	{ "a variable in the value is expanded again when the entry boots",
	  "$kernelopts", { "kernelopts=ro fips=1 $extra", "extra=fips=0" },
	  "ro|fips=1|fips=0", " ro fips=1 fips=0",
	  "$extra is expanded when the entry boots", NULL },
	{ "a value read when the entry boots is not expanded a third time",
	  "$kernelopts", { "kernelopts=ro $extra", "extra=$yy", "yy=fips=0" },
	  "ro|$yy", " ro $yy", "$extra is expanded when the entry boots",
	  NULL },
	{ "a '#' in a value read when the entry boots is text",
	  "$kernelopts", { "kernelopts=ro $extra", "extra=#a fips=0" },
	  "ro|#a|fips=0", " ro #a fips=0",
	  "$extra is expanded when the entry boots", NULL },
	{ "a '#' in a variable's value comments out the rest",
	  "ro $opts fips=1", { "opts=#c" }, "ro", " ro",
	  "'#' starts a comment: GRUB drops '#c fips=1'", NULL },
	{ "a ';' and a command in a variable's value", "ro $opts fips=1",
	  { "opts=; set y=1" }, NULL, NULL, NULL,
	  "GRUB runs 'set' after the linux command" },
	{ "quotes in a variable's value group words", "ro $opts",
	  { "opts=fips=1 \"a b\"" }, "ro|fips=1|a b", " ro fips=1 \"a b\"",
	  NULL, NULL },
	{ "an unset variable gives nothing", "ro $tuned_params " FIPS, { 0 },
	  "ro|fips=1|boot=UUID=5f1d", " ro fips=1 boot=UUID=5f1d", NULL,
	  NULL },
	{ "blscfg drops a one-letter variable at the end (expand_val)",
	  "ro fips=1 $x", { "x=fips=0" }, "ro|fips=1", " ro fips=1", NULL,
	  NULL },
	{ "a variable whose value is not known", "ro $opts", { "opts?" },
	  NULL, NULL, NULL, "$opts (set by a script fipsctl does not run)" },
	{ "a lone '$' is dropped", "ro $ fips=1", { 0 }, "ro|fips=1",
	  " ro fips=1", NULL, NULL },
	{ "\\$ is kept as text", "ro \\$opts", { "opts=fips=0" }, "ro|$opts",
	  " ro $opts", NULL, NULL },
	{ "${name}: blscfg leaves a '{', GRUB reads a block", "${kernelopts}",
	  { "kernelopts=ro fips=1" }, NULL, NULL, NULL,
	  "'{' (a block, not modelled)" },
	{ "double quotes make one argument", "ro a=\"b c\" fips=1", { 0 },
	  "ro|a=b c|fips=1", " ro \"a=b c\" fips=1", NULL, NULL },
	{ "single quotes make one argument", "'fips=1' x'y z'", { 0 },
	  "fips=1|xy z", " fips=1 \"xy z\"", NULL, NULL },
	{ "a backslash escapes a blank", "a\\ b fips=1", { 0 }, "a b|fips=1",
	  " \"a b\" fips=1", NULL, NULL },
	{ "blscfg drops the quote that closes \"$name\"", "ro \"$opts\"",
	  { "opts=a b" }, NULL, NULL, NULL, "an unclosed quote" },
	{ "an unclosed quote reads the next line", "ro \"fips=1", { 0 },
	  NULL, NULL, NULL, "an unclosed quote or a final backslash" },
	{ "a final backslash reads the next line", "ro\\", { 0 }, NULL, NULL,
	  NULL, "an unclosed quote or a final backslash" },
	{ "braces", "ro { fips=1 }", { 0 }, NULL, NULL, NULL,
	  "'{' (a block, not modelled)" },
	{ "an operator GRUB's grammar rejects", "ro || fips=1", { 0 }, NULL,
	  NULL, NULL, "'||', which GRUB's parser rejects" },
	{ "a reserved word as an argument", "ro if fips=1", { 0 },
	  "ro|if|fips=1", " ro if fips=1", NULL, NULL },
	{ "a translated string $\"...\"", "ro $\"t\"", { 0 }, "ro|t", " ro t",
	  NULL, NULL },
	{ "a wildcard GRUB matches against the disk", "ro /boot/*", { 0 },
	  NULL, NULL, NULL, "the wildcard in '/boot/*'" },
	{ "no options line: $default_kernelopts", NULL,
	  { "default_kernelopts=ro " FIPS }, "ro|fips=1|boot=UUID=5f1d",
	  " ro fips=1 boot=UUID=5f1d", NULL, NULL },
	{ "options that expand to nothing: $default_kernelopts",
	  "$tuned_params", { "default_kernelopts=ro fips=1" }, "ro|fips=1",
	  " ro fips=1", NULL, NULL },
};

static bool has(char **v, size_t n, const char *sub)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(v[i], sub))
			return true;
	return false;
}

static void check_row(const struct row *r)
{
	struct fc_grub_entry_in in = { .linux_path = "/vmlinuz-k",
				       .options = r->options };
	struct fc_grub_vars vars = { get, r->env };
	struct fc_grub_boot b;
	int failed_before = fc_t_fail_now;
	fc_grub_entry_boot(&in, &vars, &b);
	if (r->unknown) {
		CHECK(has(b.unknowns, b.n_unknowns, r->unknown));
	} else {
		CHECK_INT(b.n_unknowns, 0);
		for (size_t i = 0; i < b.n_unknowns; i++)
			fprintf(stderr, "#   unknown: %s\n", b.unknowns[i]);
	}
	if (r->note)
		CHECK(has(b.notes, b.n_notes, r->note));
	else
		CHECK_INT(b.n_notes, 0);
	if (r->args) {
		char joined[512] = "";
		for (size_t i = 1; i < b.argc; i++) {
			if (i > 1)
				strcat(joined, "|");
			strcat(joined, b.argv[i]);
		}
		CHECK_STR(joined, r->args);
		CHECK(b.argc > 0 &&
		      strcmp(b.argv[0], "($root)/vmlinuz-k") == 0);
		CHECK_STR(b.image, "/vmlinuz-k");
		char want[512];
		snprintf(want, sizeof(want),
			 "BOOT_IMAGE=($root)/vmlinuz-k%s", r->cmdline);
		CHECK_STR(b.cmdline, want);
	}
	if (fc_t_fail_now != failed_before)
		fprintf(stderr, "  in the row: %s\n", r->construct);
	fc_grub_boot_free(&b);
}

static void test_constructs(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		check_row(&rows[i]);
}

/* lib/cmdline.c: past the kernel's cmdline_size the arguments are
 * dropped, so the model is not sure of them. */
static void test_too_long(void)
{
	char opts[FC_GRUB_CMDLINE_MAX + 64];
	memset(opts, 'a', sizeof(opts) - 1);
	opts[sizeof(opts) - 1] = '\0';
	struct fc_grub_entry_in in = { .linux_path = "/vmlinuz-k",
				       .options = opts };
	struct fc_grub_vars vars = { get, NULL };
	struct fc_grub_boot b;
	fc_grub_entry_boot(&in, &vars, &b);
	CHECK(has(b.unknowns, b.n_unknowns, "longer than the 2047 bytes"));
	fc_grub_boot_free(&b);
}

/* lib/cmdline.c quoting: a blank puts the argument in double quotes,
 * '\\', '\'' and '"' are escaped. */
static void test_loader_cmdline(void)
{
	char *argv[] = { "(hd0)/k", "a b", "q\"x", "back\\s", "it's" };
	bool fits = false;
	char *s = fc_grub_loader_cmdline(argv, 5, FC_GRUB_CMDLINE_MAX, &fits);
	CHECK(fits);
	CHECK_STR(s, "BOOT_IMAGE=(hd0)/k \"a b\" q\\\"x back\\\\s it\\'s");
	free(s);
}

int main(void)
{
	RUN(test_constructs);
	RUN(test_too_long);
	RUN(test_loader_cmdline);
	TEST_MAIN_END();
}
