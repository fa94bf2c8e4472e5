// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/cryptopolicy.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

/* ASCII characters Python's str.strip() removes (str.isspace()). */
static bool py_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static bool name_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.';
}

/*
 * Length of the well-formed UTF-8 sequence at s (Python's strict decoder:
 * no overlong forms, no surrogates, nothing above U+10FFFF), 0 if none.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned min, cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, min = 0x80, cp = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, min = 0x800, cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, min = 0x10000, cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* A NUL or a byte that is not UTF-8 makes the whole file unreadable. */
static int check_text(const unsigned char *s, size_t n, char **why)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '\0') {
			*why = fc_strdup("NUL byte: the file is not text");
			return -EBADMSG;
		}
		size_t l = utf8_len(s + i, n - i);
		if (!l) {
			*why = fc_asprintf("byte 0x%02x is not UTF-8 text "
					   "(update-crypto-policies reads the "
					   "file as UTF-8)",
					   s[i]);
			return -EBADMSG;
		}
		i += l;
	}
	return 0;
}

static void push_sub(struct fc_crypto_policy *p, char *name)
{
	p->subpolicies = fc_realloc(p->subpolicies,
				    (p->n_subpolicies + 1) * sizeof(char *));
	p->subpolicies[p->n_subpolicies++] = name;
}

/* One ':'-separated name, checked and upper-cased. */
static int take_name(const char *s, size_t n, bool is_base, char **out,
		     char **why)
{
	const char *what = is_base ? "policy" : "subpolicy";
	if (n == 0) {
		*why = fc_asprintf("empty %s name (\"::\", or ':' at the start "
				   "or end of the line)",
				   what);
		return -EBADMSG;
	}
	if (n > FC_CRYPTO_POLICY_NAME_MAX) {
		*why = fc_asprintf("%s name longer than %d characters", what,
				   FC_CRYPTO_POLICY_NAME_MAX);
		return -EBADMSG;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (name_char(c))
			continue;
		/* s is not NUL-terminated: show a bounded copy. */
		_cleanup_free_ char *copy = fc_strndup(s, n < 65 ? n : 65);
		_cleanup_free_ char *shown = fc_printable(copy, 64);
		if (c >= 0x20 && c < 0x7f)
			*why = fc_asprintf("invalid character '%c' in %s name "
					   "\"%s\"",
					   c, what, shown);
		else
			*why = fc_asprintf("invalid character 0x%02x in %s name "
					   "\"%s\"",
					   c, what, shown);
		return -EBADMSG;
	}
	char *name = fc_strndup(s, n);
	for (char *q = name; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	*out = name;
	return 0;
}

/* Split one stripped, comment-free line at ':'. */
static int parse_line(const char *s, size_t n, struct fc_crypto_policy *p,
		      unsigned line, char **why)
{
	bool first = p->base == NULL;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		bool is_base = first && start == 0;
		char *name = NULL;
		int r = take_name(s + start, i - start, is_base, &name, why);
		if (r < 0)
			return r;
		if (is_base) {
			p->base = name;
			p->line = line;
		} else {
			push_sub(p, name);
		}
		start = i + 1;
	}
	return 0;
}

int fc_crypto_policy_parse(const char *text, size_t len,
			   struct fc_crypto_policy *out, unsigned *err_line,
			   char **why)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	size_t pos = 0;
	int r = 0;
	*why = NULL;

	while (pos < len) {
		const char *start = text + pos;
		size_t n = 0;
		while (pos + n < len && start[n] != '\n' && start[n] != '\r')
			n++;
		pos += n;
		if (pos < len && text[pos] == '\r' && pos + 1 < len &&
		    text[pos + 1] == '\n')
			pos += 2;
		else if (pos < len)
			pos++;
		line++;

		r = check_text((const unsigned char *)start, n, why);
		if (r < 0)
			goto fail;
		const char *hash = memchr(start, '#', n);
		if (hash)
			n = (size_t)(hash - start);
		while (n && py_space((unsigned char)start[n - 1]))
			n--;
		while (n && py_space((unsigned char)*start)) {
			start++;
			n--;
		}
		if (n == 0)
			continue;
		r = parse_line(start, n, &p, line, why);
		if (r < 0)
			goto fail;
	}
	if (!p.base) {
		*why = fc_strdup("no policy set: the file holds only comments "
				 "and blank lines");
		r = -EBADMSG;
		line = line ? line : 1;
		goto fail;
	}
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, p.base);
	for (size_t i = 0; i < p.n_subpolicies; i++)
		fc_buf_addf(&b, ":%s", p.subpolicies[i]);
	p.name = fc_buf_steal(&b);
	*out = p;
	return 0;
fail:
	if (err_line)
		*err_line = line;
	fc_crypto_policy_free(&p);
	return r;
}

void fc_crypto_policy_free(struct fc_crypto_policy *p)
{
	for (size_t i = 0; i < p->n_subpolicies; i++)
		free(p->subpolicies[i]);
	free(p->subpolicies);
	free(p->base);
	free(p->name);
	memset(p, 0, sizeof(*p));
}

bool fc_crypto_policy_is_fips(const struct fc_crypto_policy *p)
{
	return fc_streq(p->base, "FIPS");
}

char *fc_crypto_policy_join_subpolicies(const struct fc_crypto_policy *p,
					const char *sep)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < p->n_subpolicies; i++) {
		if (i)
			fc_buf_adds(&b, sep);
		fc_buf_adds(&b, p->subpolicies[i]);
	}
	return fc_buf_steal(&b);
}

/*
 * fips-mode-setup --check as EL9 ships it: the rhel9 branch of
 * crypto-policies-scripts, read from an EL9 /usr/bin/fips-mode-setup (the
 * revision with the LUKS Argon2 guard, 2023).  RHEL 9.1's
 * crypto-policies-scripts-20220815-1.git0fbe86f.el9 prints the same lines
 * for the same states ("Installation of FIPS modules is not completed." /
 * "FIPS mode is enabled." / "Inconsistent state detected.").  Fedora's
 * script since late 2022 decides differently (it asks lsinitrd whether
 * the initramfs holds the fips dracut module); EL9 did not take that.
 *
 * The script, reduced to --check:
 *   test $fips_install_complete = 0 &&
 *           echo "Installation of FIPS modules is not completed."
 *   fips_enabled=$(cat /proc/sys/crypto/fips_enabled)
 *   echo "FIPS mode is $(enable2txt $fips_enabled)."
 *           (enable2txt: 0 -> disabled, 1 -> enabled, else nothing)
 *   flag 1:  not complete -> "Inconsistent state detected.", exit 1;
 *            base of state/current != FIPS -> policy line +
 *            inconsistent, exit 1
 *   else:    complete -> inconsistent, exit 1;
 *            base == FIPS -> policy line + inconsistent, exit 1
 *   exit 0
 * where base is "$(echo $current | cut -f 1 -d :)".  Not mirrored: a state
 * whose first word starts with '-' (echo takes it as an option) or holds
 * glob characters (the shell expands them); update-crypto-policies never
 * writes either.
 */

/* $(cat file): the text without its trailing newlines. */
static char *shell_capture(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	return fc_strndup(s, n);
}

static bool ifs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The unquoted expansion's words joined by single spaces, as echo prints
 * them. */
static char *shell_words(const char *s)
{
	struct fc_buf b = { 0 };
	for (;;) {
		while (*s && ifs_space(*s))
			s++;
		if (!*s)
			break;
		size_t n = 0;
		while (s[n] && !ifs_space(s[n]))
			n++;
		if (b.len)
			fc_buf_adds(&b, " ");
		fc_buf_add(&b, s, n);
		s += n;
	}
	return fc_buf_steal(&b);
}

int fc_fips_mode_setup_check(const struct fc_fips_mode_setup_state *in,
			     char **output, char **verdict)
{
	_cleanup_free_ char *flag = shell_capture(in->fips_enabled);
	_cleanup_free_ char *current = shell_capture(in->current_policy);
	_cleanup_free_ char *flag_words = shell_words(flag);
	_cleanup_free_ char *base = shell_words(current);
	struct fc_buf out = { 0 };
	int rc = 0;

	/* enable2txt sees the first word of the unquoted $fips_enabled. */
	char *sp = strchr(flag_words, ' ');
	if (sp)
		*sp = '\0';
	const char *txt = fc_streq(flag_words, "1")   ? "enabled"
			  : fc_streq(flag_words, "0") ? "disabled"
						      : "";
	char *colon = strchr(base, ':');
	if (colon)
		*colon = '\0';
	bool base_fips = fc_streq(base, "FIPS");

	/* cat's own words (coreutils) on a missing file. */
	static const char cat_missing[] = "cat: %s: No such file or directory\n";
	if (!in->install_complete)
		fc_buf_adds(&out,
			    "Installation of FIPS modules is not completed.\n");
	if (in->fips_enabled_missing)
		fc_buf_addf(&out, cat_missing, "/proc/sys/crypto/fips_enabled");
	fc_buf_addf(&out, "FIPS mode is %s.\n", txt);
	/* The script reads state/current only where it compares it. */
	bool reads_current = fc_streq(flag, "1") ? in->install_complete
						 : !in->install_complete;
	if (reads_current && in->current_policy_missing)
		fc_buf_addf(&out, cat_missing,
			    "/etc/crypto-policies/state/current");
	if (fc_streq(flag, "1")) {
		if (!in->install_complete) {
			rc = 1;
		} else if (!base_fips) {
			fc_buf_addf(&out,
				    "The current crypto policy (%s) neither "
				    "is the FIPS policy nor is based on the "
				    "FIPS policy.\n",
				    current);
			rc = 1;
		}
	} else {
		if (in->install_complete) {
			rc = 1;
		} else if (base_fips) {
			fc_buf_addf(&out,
				    "The current crypto policy (%s) is based "
				    "on the FIPS policy, but FIPS mode is not "
				    "enabled.\n",
				    current);
			rc = 1;
		}
	}
	if (rc)
		fc_buf_adds(&out, "Inconsistent state detected.\n");

	/* The last line (the text ends in '\n'). */
	size_t end = out.len - 1, start = end;
	while (start && out.data[start - 1] != '\n')
		start--;
	*verdict = fc_strndup(out.data + start, end - start);
	*output = fc_buf_steal(&out);
	return rc;
}
