// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The model of src/parse/grub-script.h.  Each rule cites the GRUB source
 * it follows (rhboot/grub2, rhel-9-main); the behaviour is GRUB's, quirks
 * included, the code is not.
 */
#include "parse/grub-script.h"

#include <errno.h>
#include <string.h>

#include "base/strv.h"

/* --- the lexer ------------------------------------------------------------ */

static const char *const keywords[] = {
	/* yylex.l "Reserved words" (besides "{", "}", "[[", "]]") */
	"case", "do",	"done", "elif",	  "else",  "esac",  "fi",
	"for",	"if",	"in",	"select", "then",  "until", "while",
	"function",
};

bool fc_grub_is_keyword(const char *s)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(keywords); i++)
		if (fc_streq(s, keywords[i]))
			return true;
	return false;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_char(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* yylex.l CHAR: [^{}|&$;<> \t\n\'\"\\] */
static bool is_word_char(char c)
{
	return c != '\0' && !strchr("{}|&$;<> \t\n'\"\\", c);
}

/*
 * The length of the variable after a '$' at s (yylex.l VARIABLE without
 * its '$': NAME, DIGITS, SPECIAL, or one of them in braces), 0 if none;
 * *name and *name_len say which name.
 */
static size_t var_len(const char *s, const char *end, const char **name,
		      size_t *name_len)
{
	const char *p = s;
	bool brace = p < end && *p == '{';
	if (brace)
		p++;
	const char *n0 = p;
	if (p < end && (is_alpha(*p) || *p == '_')) {
		while (p < end && is_name_char(*p))
			p++;
	} else if (p < end && is_digit(*p)) {
		while (p < end && is_digit(*p))
			p++;
	} else if (p < end && strchr("?#*@", *p) && *p) {
		p++;
	} else {
		return 0;
	}
	*name = n0;
	*name_len = (size_t)(p - n0);
	if (brace) {
		if (p >= end || *p != '}')
			return 0;
		p++;
	}
	return (size_t)(p - s);
}

/* The end of a "..." body that starts at s (after the quote): the closing
 * quote, or NULL when there is none.  yylex.l DQCHR: {ESC}|[^\\\"] */
static const char *dq_close(const char *s, const char *end)
{
	for (const char *p = s; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			return p;
	}
	return NULL;
}

struct word_match {
	size_t len;
	bool open_quote; /* stopped at a quote that never closes */
	bool esc_newline_last; /* ends in a backslash-newline */
};

/*
 * The longest yylex.l WORD at s: ({CHAR}|{DQSTR}|{SQSTR}|{ESC}|{VARIABLE}|
 * {I18NSTR})+.  Every piece is decided by its first character, so the
 * greedy walk finds what flex's longest match finds.
 */
static struct word_match match_word(const char *s, const char *end)
{
	struct word_match m = { 0 };
	const char *p = s;
	while (p < end) {
		const char *q;
		const char *nm;
		size_t nl, v;
		m.esc_newline_last = false;
		if (is_word_char(*p)) {
			p++;
		} else if (*p == '\\' && p + 1 < end) {
			m.esc_newline_last = p[1] == '\n';
			p += 2;
		} else if (*p == '"') {
			q = dq_close(p + 1, end);
			if (!q) {
				m.open_quote = true;
				break;
			}
			p = q + 1;
		} else if (*p == '\'') {
			q = memchr(p + 1, '\'', (size_t)(end - p - 1));
			if (!q) {
				m.open_quote = true;
				break;
			}
			p = q + 1;
		} else if (*p == '$' && p + 1 < end && p[1] == '"') {
			q = dq_close(p + 2, end);
			if (!q) {
				m.open_quote = true;
				break;
			}
			p = q + 1;
		} else if (*p == '$' && (v = var_len(p + 1, end, &nm, &nl))) {
			p += 1 + v;
		} else {
			break;
		}
	}
	m.len = (size_t)(p - s);
	return m;
}

static void add_part(struct fc_grub_token *t, enum fc_grub_part_type type,
		     char *str)
{
	t->parts = fc_realloc(t->parts, (t->n_parts + 1) * sizeof(*t->parts));
	t->parts[t->n_parts++] = (struct fc_grub_part){ type, str };
}

static void flush(struct fc_grub_token *t, enum fc_grub_part_type type,
		  struct fc_buf *b)
{
	add_part(t, type, b->data ? fc_buf_steal(b) : fc_strdup(""));
}

/* The body of "..." (or $"...") from s to end, into DQSTR and DQVAR
 * parts: yylex.l's DQUOTE state.  False for a '$' without a variable
 * name: the VAR state's catch-all rule makes that a bad token. */
static bool split_dq(struct fc_grub_token *t, const char *s, const char *end,
		     enum fc_grub_part_type str_type)
{
	struct fc_buf b = { 0 };
	for (const char *p = s; p < end;) {
		const char *nm;
		size_t nl, v;
		if (str_type == FC_GRUB_PART_DQSTR && *p == '\\' && p + 1 < end &&
		    strchr("$\\\"\n", p[1])) {
			/* \$ \\ \" give the character, backslash-newline
			 * nothing; any other backslash stays. */
			if (p[1] != '\n')
				fc_buf_add(&b, p + 1, 1);
			p += 2;
		} else if (str_type == FC_GRUB_PART_DQSTR && *p == '$') {
			v = var_len(p + 1, end, &nm, &nl);
			if (!v) {
				fc_buf_free(&b);
				return false;
			}
			flush(t, FC_GRUB_PART_DQSTR, &b);
			add_part(t, FC_GRUB_PART_DQVAR, fc_strndup(nm, nl));
			p += 1 + v;
		} else {
			fc_buf_add(&b, p, 1);
			p++;
		}
	}
	flush(t, str_type, &b);
	return true;
}

/* A word's text into parts: yylex.l's SPLIT state.  False on a bad
 * token inside it. */
static bool split_word(struct fc_grub_token *t, const char *s, size_t n)
{
	const char *end = s + n;
	struct fc_buf b = { 0 };
	for (const char *p = s; p < end;) {
		const char *q, *nm;
		size_t nl, v;
		if (*p == '\\' && p + 1 < end) {
			/* "\\." is copied as written; backslash-newline
			 * joins lines. */
			if (p[1] != '\n')
				fc_buf_add(&b, p, 2);
			p += 2;
		} else if (*p == '"') {
			flush(t, FC_GRUB_PART_TEXT, &b);
			q = dq_close(p + 1, end);
			if (!split_dq(t, p + 1, q, FC_GRUB_PART_DQSTR)) {
				fc_buf_free(&b);
				return false;
			}
			p = q + 1;
		} else if (*p == '\'') {
			flush(t, FC_GRUB_PART_TEXT, &b);
			q = memchr(p + 1, '\'', (size_t)(end - p - 1));
			add_part(t, FC_GRUB_PART_SQSTR,
				 fc_strndup(p + 1, (size_t)(q - p - 1)));
			p = q + 1;
		} else if (*p == '$' && p + 1 < end && p[1] == '"') {
			flush(t, FC_GRUB_PART_TEXT, &b);
			q = dq_close(p + 2, end);
			(void)split_dq(t, p + 2, q, FC_GRUB_PART_GETTEXT);
			p = q + 1;
		} else if (*p == '$' && (v = var_len(p + 1, end, &nm, &nl))) {
			flush(t, FC_GRUB_PART_TEXT, &b);
			add_part(t, FC_GRUB_PART_VAR, fc_strndup(nm, nl));
			p += 1 + v;
		} else {
			fc_buf_add(&b, p, 1);
			p++;
		}
	}
	flush(t, FC_GRUB_PART_TEXT, &b);
	return true;
}

static struct fc_grub_token *add_token(struct fc_grub_lexed *l,
				       enum fc_grub_tok type, const char *s,
				       size_t n, unsigned line)
{
	l->v = fc_realloc(l->v, (l->n + 1) * sizeof(*l->v));
	struct fc_grub_token *t = &l->v[l->n++];
	*t = (struct fc_grub_token){ .type = type,
				     .src = fc_strndup(s, n),
				     .line = line };
	return t;
}

static unsigned count_lines(const char *s, size_t n)
{
	unsigned c = 0;
	for (size_t i = 0; i < n; i++)
		c += s[i] == '\n';
	return c;
}

static void lex_stop(struct fc_grub_lexed *l, enum fc_grub_lex_end why,
		     const char *p, const char *end, unsigned line)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	l->end = why;
	l->end_line = line;
	l->end_src = fc_strndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
}

int fc_grub_lex(const char *text, size_t len, struct fc_grub_lexed *out)
{
	memset(out, 0, sizeof(*out));
	if (memchr(text, '\0', len))
		return -EBADMSG;
	/* grub_script_lexer_yywrap: every line ends in '\n'. */
	_cleanup_free_ char *buf = fc_malloc(len + 2);
	memcpy(buf, text, len);
	if (!len || buf[len - 1] != '\n')
		buf[len++] = '\n';
	buf[len] = '\0';
	const char *p = buf, *end = buf + len;
	unsigned line = 1;
	/* GRUB lexes a line at a time (execute.c, lexer.c): the buffer ends
	 * after the current line's newline, and only a word the lexer must
	 * continue (MULTILINE, POS_MULTILINE at the buffer's end) makes it
	 * read the next line into the buffer. */
	const char *lim = (const char *)memchr(p, '\n', len) + 1;

	static const struct {
		const char *s;
		enum fc_grub_tok type;
	} ops[] = {
		{ "||", FC_GRUB_TOK_OTHER }, { "&&", FC_GRUB_TOK_OTHER },
		{ ";;", FC_GRUB_TOK_OTHER }, { "|", FC_GRUB_TOK_OTHER },
		{ "&", FC_GRUB_TOK_OTHER },  { ";", FC_GRUB_TOK_SEMI },
		{ "<", FC_GRUB_TOK_OTHER },  { ">", FC_GRUB_TOK_OTHER },
		{ "{", FC_GRUB_TOK_LBRACE }, { "}", FC_GRUB_TOK_RBRACE },
	};
	while (p < end) {
		if (p >= lim)
			lim = (const char *)memchr(p, '\n',
						   (size_t)(end - p)) + 1;
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*p == '\n') {
			add_token(out, FC_GRUB_TOK_NEWLINE, p, 1, line);
			line++;
			p++;
			continue;
		}
		size_t i;
		for (i = 0; i < FC_ARRAY_SIZE(ops); i++)
			if (!strncmp(p, ops[i].s, strlen(ops[i].s)))
				break;
		if (i < FC_ARRAY_SIZE(ops)) {
			add_token(out, ops[i].type, p, strlen(ops[i].s), line);
			p += strlen(ops[i].s);
			continue;
		}
		/* flex takes the longest match (a trailing context counts),
		 * the earlier rule on a tie: COMMENT before the reserved
		 * words, MULTILINE and POS_MULTILINE before NAME and WORD. */
		struct word_match m = match_word(p, lim);
		size_t comment = 0; /* COMMENT's length with its newline */
		if (*p == '#')
			comment = (size_t)((const char *)memchr(p, '\n',
							       (size_t)(lim - p)) -
					   p) + 1;
		bool multiline = m.open_quote || (m.esc_newline_last &&
						  p + m.len == lim);
		size_t mlen = m.open_quote ? (size_t)(lim - p) : m.len;
		if (comment && comment >= mlen) {
			fc_strv_add(&out->comments, &out->n_comments,
				    fc_strndup(p, comment - 1));
			p += comment - 1;
			continue;
		}
		if (multiline) {
			if (lim < end) {
				/* The next line joins the buffer; lex the
				 * word again. */
				lim = (const char *)memchr(lim, '\n',
							   (size_t)(end - lim)) +
				      1;
				continue;
			}
			lex_stop(out, FC_GRUB_LEX_CONTINUES, p, end, line);
			return 0;
		}
		if (m.len == 0) {
			/* yylex.l's "." rule: a bad token. */
			lex_stop(out, FC_GRUB_LEX_BAD, p, end, line);
			return 0;
		}
		if (m.len == 2 && (!strncmp(p, "[[", 2) || !strncmp(p, "]]", 2))) {
			add_token(out, FC_GRUB_TOK_OTHER, p, 2, line);
			p += 2;
			continue;
		}
		struct fc_grub_token *t =
			add_token(out, FC_GRUB_TOK_WORD, p, m.len, line);
		t->keyword = fc_grub_is_keyword(t->src);
		if (!split_word(t, p, m.len)) {
			lex_stop(out, FC_GRUB_LEX_BAD, p, end, line);
			return 0;
		}
		line += count_lines(p, m.len);
		p += m.len;
	}
	return 0;
}

void fc_grub_lexed_free(struct fc_grub_lexed *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct fc_grub_token *t = &l->v[i];
		for (size_t k = 0; k < t->n_parts; k++)
			free(t->parts[k].str);
		free(t->parts);
		free(t->src);
	}
	free(l->v);
	fc_strv_free(l->comments);
	free(l->end_src);
	memset(l, 0, sizeof(*l));
}

/* --- commands on one line ------------------------------------------------- */

/* One command: words from v[first] up to (not including) v[last]. */
struct cmd_span {
	size_t first, last;
};

/*
 * The commands of a lexed line (GRUB's grammar, parser.y: a command is
 * words ended by ';' or a newline).  NULL with *why when GRUB would not
 * run the line as plain commands: its parser rejects a token or an empty
 * command, or the line holds braces or a reserved word in command
 * position (a block, if, for, function: not modelled).
 */
static struct cmd_span *split_commands(const struct fc_grub_lexed *l,
				       size_t *n, char **why)
{
	struct cmd_span *v = NULL;
	size_t first = 0;
	*n = 0;
	*why = NULL;
	for (size_t i = 0; i <= l->n && !*why; i++) {
		const struct fc_grub_token *t = i < l->n ? &l->v[i] : NULL;
		if (t && t->type == FC_GRUB_TOK_WORD) {
			if (i == first && t->keyword)
				*why = fc_asprintf("the reserved word '%s' "
						   "starts a command",
						   t->src);
			continue;
		}
		if (t && (t->type == FC_GRUB_TOK_LBRACE ||
			  t->type == FC_GRUB_TOK_RBRACE)) {
			*why = fc_asprintf("'%s' (a block, not modelled)",
					   t->src);
			break;
		}
		if (t && t->type == FC_GRUB_TOK_OTHER) {
			*why = fc_asprintf("'%s', which GRUB's parser rejects: "
					   "the line does not run",
					   t->src);
			break;
		}
		/* ';', a newline or the end.  An empty command before a ';'
		 * is a syntax error; empty lines are not (parser.y:
		 * "script statement delimiter newlines0"). */
		if (i == first) {
			if (t && t->type == FC_GRUB_TOK_SEMI)
				*why = fc_strdup("a ';' without a command "
						 "before it, which GRUB's "
						 "parser rejects: the line "
						 "does not run");
			first = i + 1;
			continue;
		}
		v = fc_realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = (struct cmd_span){ first, i };
		first = i + 1;
	}
	if (*why) {
		free(v);
		*n = 0;
		return NULL;
	}
	return v;
}

/* --- words into arguments (execute.c grub_script_arglist_to_argv) --------- */

/* GRUB's argv under construction (script/argv.c): the last slot may be
 * open (NULL) until something is appended to it. */
struct xargv {
	char **v;
	size_t n;
};

static void xargv_next(struct xargv *a)
{
	if (a->n && !a->v[a->n - 1])
		return;
	a->v = fc_realloc(a->v, (a->n + 2) * sizeof(*a->v));
	a->v[a->n++] = NULL;
	a->v[a->n] = NULL;
}

static void xargv_append(struct xargv *a, const char *s, size_t len)
{
	char *old = a->v[a->n - 1];
	size_t ol = old ? strlen(old) : 0;
	char *p = fc_realloc(old, ol + len + 1);
	memcpy(p + ol, s, len);
	p[ol + len] = '\0';
	a->v[a->n - 1] = p;
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_hex_escape(const char *s)
{
	return s[0] == '\\' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]);
}

/* execute.c wildcard_escape: quoted text keeps '*', '?' and '\' literal
 * through the wildcard step ("\xHH" passes as it is). */
static void append_wild_escaped(struct xargv *a, const char *s)
{
	struct fc_buf b = { 0 };
	for (const char *p = s; *p;) {
		if (is_hex_escape(p)) {
			fc_buf_add(&b, p, 4);
			p += 4;
			continue;
		}
		if (*p == '*' || *p == '\\' || *p == '?')
			fc_buf_add(&b, "\\", 1);
		fc_buf_add(&b, p++, 1);
	}
	xargv_append(a, b.data ? b.data : "", b.len);
	fc_buf_free(&b);
}

/* An unquoted variable's field: its backslashes doubled ("\?" and "\*"
 * get one more), so that they reach the kernel as written while a bare
 * '*' or '?' stays a wildcard. */
static void append_var_field(struct xargv *a, const char *s, size_t n)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\') {
			fc_buf_add(&b, "\\", 1);
			if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '*'))
				fc_buf_add(&b, "\\", 1);
		}
		fc_buf_add(&b, s + i, 1);
	}
	xargv_append(a, b.data ? b.data : "", b.len);
	fc_buf_free(&b);
}

static bool grub_space(char c)
{
	/* kern/misc.c grub_isspace */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* script/argv.c grub_script_argv_split_append */
static void append_split(struct xargv *a, const char *s)
{
	while (*s && grub_space(*s))
		s++;
	while (*s) {
		const char *w = s;
		while (*s && !grub_space(*s))
			s++;
		append_var_field(a, w, (size_t)(s - w));
		while (*s && grub_space(*s))
			s++;
		if (*s)
			xargv_next(a);
	}
}

/* What the expansion of one command met besides values. */
struct xstate {
	const struct fc_grub_vars *vars;
	char **unknowns; /* phrases */
	size_t n_unknowns;
	char **expanded; /* variables expanded with a value */
	size_t n_expanded;
	/* unknown variables of the word being expanded, as phrases; $root
	 * alone is allowed in the image's word (GRUB's own device) */
	char **word_unknowns;
	size_t n_word_unknowns;
	bool word_root_only;
};

static bool special_var(const char *name)
{
	/* execute.c grub_env_special: the menu entry's own arguments */
	return is_digit(name[0]) || fc_streq(name, "#") ||
	       fc_streq(name, "*") || fc_streq(name, "@");
}

static void xunknown(struct xstate *x, char *phrase)
{
	fc_strv_add_unique(&x->unknowns, &x->n_unknowns, phrase);
}

static void expand_var(struct xstate *x, struct xargv *a,
		       const struct fc_grub_part *pt)
{
	const char *name = pt->str;
	const char *val = NULL, *why = NULL;
	enum fc_grub_var_state s;
	if (special_var(name)) {
		s = FC_GRUB_VAR_UNKNOWN;
		why = "a positional parameter of the menu entry";
	} else {
		s = x->vars->get(x->vars->ud, FC_GRUB_AT_BOOT, name, &val,
				 &why);
	}
	if (s == FC_GRUB_VAR_UNKNOWN) {
		if (!fc_streq(name, "root"))
			x->word_root_only = false;
		fc_strv_add_unique(&x->word_unknowns, &x->n_word_unknowns,
				   fc_asprintf("$%s (%s)", name,
					       why ? why : "its value is not "
							   "known"));
		/* Shown as written, so the arguments read as a template. */
		_cleanup_free_ char *shown = fc_asprintf("$%s", name);
		xargv_append(a, shown, strlen(shown));
		return;
	}
	if (s != FC_GRUB_VAR_SET || !val || !*val)
		return;
	fc_strv_add_unique(&x->expanded, &x->n_expanded, fc_strdup(name));
	if (pt->type == FC_GRUB_PART_VAR)
		append_split(a, val);
	else
		append_wild_escaped(a, val);
}

/* One word's parts appended to a; *uncertain when a value is unknown. */
static void expand_word(struct xstate *x, struct xargv *a,
			const struct fc_grub_token *t)
{
	xargv_next(a);
	for (size_t i = 0; i < t->n_parts; i++) {
		const struct fc_grub_part *pt = &t->parts[i];
		switch (pt->type) {
		case FC_GRUB_PART_VAR:
		case FC_GRUB_PART_DQVAR:
			expand_var(x, a, pt);
			break;
		case FC_GRUB_PART_TEXT:
			if (*pt->str)
				xargv_append(a, pt->str, strlen(pt->str));
			break;
		case FC_GRUB_PART_SQSTR:
		case FC_GRUB_PART_DQSTR:
			append_wild_escaped(a, pt->str);
			break;
		case FC_GRUB_PART_GETTEXT:
			x->word_root_only = false;
			fc_strv_add_unique(&x->word_unknowns,
					   &x->n_word_unknowns,
					   fc_asprintf("the translated string "
						       "$\"%s\"",
						       pt->str));
			xargv_append(a, pt->str, strlen(pt->str));
			break;
		}
	}
}

/* execute.c wildcard_unescape (commands/wildcard.c's unescape for the
 * words it looks at without a wildcard does the same). */
static char *unescape(const char *s)
{
	struct fc_buf b = { 0 };
	for (const char *p = s; *p;) {
		if (is_hex_escape(p)) {
			fc_buf_add(&b, p, 4);
			p += 4;
		} else if (*p == '\\' && p[1]) {
			fc_buf_add(&b, p + 1, 1);
			p += 2;
		} else if (*p == '\\') {
			/* A lone final backslash cannot come out of the lexer
			 * (every "\" it copies has a character after it). */
			p++;
		} else {
			fc_buf_add(&b, p++, 1);
		}
	}
	return b.data ? fc_buf_steal(&b) : fc_strdup("");
}

/* commands/wildcard.c wildcard_expand: a word that starts with '/', '('
 * or '*' and holds an unescaped '*' or '?' is matched against the disk. */
static bool has_wildcard(const char *s)
{
	if (s[0] != '/' && s[0] != '(' && s[0] != '*')
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*' || *p == '?')
			return true;
	}
	return false;
}

/*
 * The argv GRUB builds for the words [first, last) of l, after the wildcard
 * step; *word0_unknown when the first word's value is not certain, with
 * root_only when only $root made it so.
 */
static char **command_argv(struct xstate *x, const struct fc_grub_lexed *l,
			   struct cmd_span c, size_t *argc, bool *arg1_certain)
{
	struct xargv a = { 0 };
	*arg1_certain = true;
	for (size_t i = c.first; i < c.last; i++) {
		x->word_root_only = true;
		expand_word(x, &a, &l->v[i]);
		char **wu = x->word_unknowns;
		size_t nwu = x->n_word_unknowns;
		x->word_unknowns = NULL;
		x->n_word_unknowns = 0;
		/* The image's device is GRUB's $root; what follows it is the
		 * file, so only the device is unknown there. */
		if (nwu && !(i == c.first + 1 && x->word_root_only)) {
			if (i == c.first + 1)
				*arg1_certain = false;
			for (size_t k = 0; k < nwu; k++)
				xunknown(x, fc_strdup(wu[k]));
		}
		fc_strv_free(wu);
	}
	if (a.n && !a.v[a.n - 1])
		a.n--;
	char **out = fc_calloc(a.n + 1, sizeof(*out));
	for (size_t i = 0; i < a.n; i++) {
		if (has_wildcard(a.v[i]))
			xunknown(x, fc_asprintf("the wildcard in '%s', which "
						"GRUB matches against the disk",
						a.v[i]));
		out[i] = unescape(a.v[i]);
		free(a.v[i]);
	}
	free(a.v);
	*argc = a.n;
	return out;
}

static enum fc_grub_var_state no_vars(const void *ud, enum fc_grub_stage st,
				      const char *name, const char **value,
				      const char **why)
{
	(void)ud;
	(void)st;
	(void)name;
	(void)value;
	*why = "";
	return FC_GRUB_VAR_UNKNOWN;
}

char *fc_grub_word_literal(const struct fc_grub_token *t)
{
	if (t->type != FC_GRUB_TOK_WORD)
		return NULL;
	for (size_t i = 0; i < t->n_parts; i++)
		if (t->parts[i].type != FC_GRUB_PART_TEXT &&
		    t->parts[i].type != FC_GRUB_PART_SQSTR &&
		    t->parts[i].type != FC_GRUB_PART_DQSTR)
			return NULL;
	static const struct fc_grub_vars none = { no_vars, NULL };
	struct xstate x = { .vars = &none };
	struct xargv a = { 0 };
	expand_word(&x, &a, t);
	char *out = NULL;
	if (a.n == 1 && a.v[0]) {
		out = unescape(a.v[0]);
	} else if (a.n == 0 || (a.n == 1 && !a.v[0])) {
		/* An empty unquoted word cannot be; "" is one argument. */
		out = fc_strdup("");
	}
	for (size_t i = 0; i < a.n; i++)
		free(a.v[i]);
	free(a.v);
	fc_strv_free(x.unknowns);
	return out;
}

const char *fc_grub_word_var(const struct fc_grub_token *t)
{
	const char *name = NULL;
	if (t->type != FC_GRUB_TOK_WORD)
		return NULL;
	for (size_t i = 0; i < t->n_parts; i++) {
		const struct fc_grub_part *pt = &t->parts[i];
		if (pt->type == FC_GRUB_PART_VAR ||
		    pt->type == FC_GRUB_PART_DQVAR) {
			if (name)
				return NULL;
			name = pt->str;
		} else if (*pt->str || pt->type == FC_GRUB_PART_GETTEXT) {
			return NULL;
		}
	}
	return name;
}

/* --- blscfg's expansion (commands/blscfg.c expand_val) -------------------- */

struct bls_out {
	struct fc_buf b;
	bool have; /* GRUB's buffer was allocated */
};

static void bls_field(const struct fc_grub_vars *vars, struct bls_out *o,
		      bool is_var, const char *s, size_t n, char ***from_env,
		      size_t *n_from_env, char ***unset, size_t *n_unset,
		      char ***unknowns, size_t *n_unknowns)
{
	_cleanup_free_ char *field = fc_strndup(s, n);
	if (!is_var) {
		fc_buf_adds(&o->b, field);
		o->have = true;
		return;
	}
	/* field_append: a variable's value and a space; nothing at all for
	 * an unset one (or the empty name of a lone '$'). */
	if (!*field)
		return;
	const char *val = NULL, *why = NULL;
	enum fc_grub_var_state st = vars->get(vars->ud, FC_GRUB_AT_BLSCFG,
					      field, &val, &why);
	if (st == FC_GRUB_VAR_UNSET) {
		fc_strv_add_unique(unset, n_unset, fc_strdup(field));
		return;
	}
	if (st == FC_GRUB_VAR_UNKNOWN) {
		fc_strv_add_unique(unknowns, n_unknowns,
				   fc_asprintf("$%s (%s)", field,
					       why ? why : "its value is not "
							   "known"));
		fc_buf_addf(&o->b, "$%s ", field);
		o->have = true;
		return;
	}
	fc_strv_add_unique(from_env, n_from_env, fc_strdup(field));
	fc_buf_adds(&o->b, val ? val : "");
	fc_buf_adds(&o->b, " ");
	o->have = true;
}

char *fc_grub_bls_expand(const char *value, const struct fc_grub_vars *vars,
			 char ***from_env, size_t *n_from_env, char ***unset,
			 size_t *n_unset, char ***unknowns, size_t *n_unknowns)
{
	if (!value)
		return NULL;
	struct bls_out o = { 0 };
	size_t n = strlen(value);
	/* GRUB walks with 'start' (the field being collected) and 'end'
	 * (the previous character); a field is [start, end].  Its quirks
	 * are kept: a one-character field before a '$' or at the end is
	 * dropped, "\$" is not a variable, and an unset variable met
	 * before anything was appended, at a '$' or at the end, makes the
	 * whole value NULL (field_append returns the still-empty buffer
	 * and expand_val takes that for a failure). */
	size_t start = 0, end = 0;
	bool is_var = false;
#define FIELD()                                                                \
	bls_field(vars, &o, is_var, value + start, end + 1 - start, from_env, \
		  n_from_env, unset, n_unset, unknowns, n_unknowns)
	for (size_t i = 0; i < n; i++) {
		char c = value[i];
		if (c == '$' && value[end] != '\\') {
			if (start != end) {
				FIELD();
				if (!o.have)
					return NULL;
			}
			is_var = true;
			start = i + 1;
		} else if (is_var && !is_name_char(c)) {
			FIELD();
			is_var = false;
			start = i;
			if (value[start] == ' ')
				start++;
		}
		end = i;
	}
	if (start != end)
		FIELD();
#undef FIELD
	if (!o.have) {
		fc_buf_free(&o.b);
		return NULL;
	}
	return o.b.data ? fc_buf_steal(&o.b) : fc_strdup("");
}

/* --- the kernel command line (lib/cmdline.c) ------------------------------ */

static size_t arg_size(const char *s, bool *space)
{
	size_t n = 0;
	*space = false;
	for (const char *p = s; *p;) {
		if (is_hex_escape(p)) {
			n += 4;
			p += 4;
			continue;
		}
		if (*p == '\\' || *p == '\'' || *p == '"')
			n++;
		else if (*p == ' ')
			*space = true;
		n++;
		p++;
	}
	return n + (*space ? 2 : 0);
}

char *fc_grub_loader_cmdline(char *const *argv, size_t argc, size_t limit,
			     bool *fits)
{
	static const char image[] = "BOOT_IMAGE=";
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, image);
	/* GRUB gives create_loader_cmdline cmdline_size minus "BOOT_IMAGE="
	 * and stops at the first argument that does not fit. */
	size_t room = limit > sizeof(image) - 1 ? limit - (sizeof(image) - 1)
						 : 0;
	*fits = true;
	for (size_t i = 0; i < argc; i++) {
		bool space;
		size_t need = arg_size(argv[i], &space) + 1;
		if (room < need) {
			*fits = false;
			break;
		}
		room -= need;
		if (space)
			fc_buf_adds(&b, "\"");
		for (const char *p = argv[i]; *p;) {
			if (is_hex_escape(p)) {
				fc_buf_add(&b, p, 4);
				p += 4;
				continue;
			}
			if (*p == '\\' || *p == '\'' || *p == '"')
				fc_buf_adds(&b, "\\");
			fc_buf_add(&b, p++, 1);
		}
		if (space)
			fc_buf_adds(&b, "\"");
		fc_buf_adds(&b, " ");
	}
	/* The last separator goes. */
	if (b.len > sizeof(image) - 1 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return fc_buf_steal(&b);
}

/* --- one entry ------------------------------------------------------------ */

static void note(struct fc_grub_boot *o, char *s)
{
	fc_strv_add_unique(&o->notes, &o->n_notes, s);
}

static void unknown(struct fc_grub_boot *o, char *s)
{
	fc_strv_add_unique(&o->unknowns, &o->n_unknowns, s);
}

/* The word shown in a message: as written, cut short. */
static char *shown_src(const char *s)
{
	return fc_printable(s, 60);
}

/*
 * A line of the entry's script other than the linux one: only its first
 * command may run; what follows a ';' must be a variable assignment (a
 * second command could be another linux).
 */
static void check_other_line(struct fc_grub_boot *o, struct xstate *x,
			     const char *what, const char *line)
{
	struct fc_grub_lexed l;
	if (fc_grub_lex(line, strlen(line), &l) < 0)
		return; /* no NUL can be in a C string */
	if (l.end != FC_GRUB_LEX_OK) {
		_cleanup_free_ char *s = shown_src(l.end_src);
		unknown(o, fc_asprintf("the %s line %s at '%s'", what,
				       l.end == FC_GRUB_LEX_CONTINUES
					       ? "continues on the next line"
					       : "has a character GRUB's "
						 "lexer rejects",
				       s));
		fc_grub_lexed_free(&l);
		return;
	}
	size_t n;
	_cleanup_free_ char *why = NULL;
	_cleanup_free_ struct cmd_span *cmds = split_commands(&l, &n, &why);
	if (!cmds && why)
		unknown(o, fc_asprintf("the %s line: %s", what, why));
	for (size_t i = 1; cmds && i < n; i++) {
		size_t argc;
		bool certain;
		struct cmd_span one = { cmds[i].first, cmds[i].first + 1 };
		char **argv = command_argv(x, &l, one, &argc, &certain);
		if (!argc || !strchr(argv[0], '=')) {
			_cleanup_free_ char *s = shown_src(l.v[cmds[i].first].src);
			unknown(o, fc_asprintf("GRUB runs '%s' after the %s "
					       "command",
					       s, what));
		}
		fc_strv_free(argv);
	}
	fc_grub_lexed_free(&l);
}

/* What the linux line's lexing does to the text, as notes or unknowns. */
static void linux_line(struct fc_grub_boot *o, struct xstate *x,
		       const char *line)
{
	struct fc_grub_lexed l;
	if (fc_grub_lex(line, strlen(line), &l) < 0)
		return;
	for (size_t i = 0; i < l.n_comments; i++) {
		_cleanup_free_ char *s = fc_printable(l.comments[i], 200);
		note(o, fc_asprintf("'#' starts a comment: GRUB drops '%s'", s));
	}
	if (l.end != FC_GRUB_LEX_OK) {
		_cleanup_free_ char *s = shown_src(l.end_src);
		unknown(o, fc_asprintf(l.end == FC_GRUB_LEX_CONTINUES
					       ? "an unclosed quote or a "
						 "final backslash at '%s': GRUB "
						 "reads the next line into the "
						 "linux command"
					       : "'%s', which GRUB's lexer "
						 "rejects: the linux line does "
						 "not run",
				       s));
		fc_grub_lexed_free(&l);
		return;
	}
	size_t n;
	_cleanup_free_ char *why = NULL;
	_cleanup_free_ struct cmd_span *cmds = split_commands(&l, &n, &why);
	if (!cmds || !n) {
		unknown(o, fc_asprintf("the linux line: %s",
				       why ? why : "no command"));
		fc_grub_lexed_free(&l);
		return;
	}
	bool certain;
	o->argv = command_argv(x, &l, cmds[0], &o->argc, &certain);
	/* argv[0] is "linux": the command's own name goes. */
	if (o->argc) {
		free(o->argv[0]);
		memmove(o->argv, o->argv + 1, o->argc * sizeof(*o->argv));
		o->argc--;
	}
	if (o->argc && certain) {
		const char *img = o->argv[0];
		if (img[0] == '(') {
			const char *close = strchr(img, ')');
			img = close ? close + 1 : img;
		}
		o->image = fc_strdup(img);
	}
	for (size_t i = 1; i < n; i++) {
		size_t argc;
		bool c1;
		struct cmd_span one = { cmds[i].first, cmds[i].first + 1 };
		char **argv = command_argv(x, &l, one, &argc, &c1);
		_cleanup_free_ char *s = fc_printable(
			argc ? argv[0] : l.v[cmds[i].first].src, 200);
		if (argc && strchr(argv[0], '='))
			/* execute.c: a command that does not exist with a
			 * '=' in its name is an assignment. */
			note(o, fc_asprintf("';' ends the linux command: GRUB "
					    "runs '%s' as a variable "
					    "assignment, not as a kernel "
					    "argument",
					    s));
		else
			unknown(o, fc_asprintf("GRUB runs '%s' after the "
					       "linux command",
					       s));
		fc_strv_free(argv);
	}
	fc_grub_lexed_free(&l);
}

static enum fc_grub_var_state get_at(const struct fc_grub_vars *v,
				     const char *name, const char **val)
{
	const char *why = NULL;
	*val = NULL;
	return v->get(v->ud, FC_GRUB_AT_BLSCFG, name, val, &why);
}

/* blscfg's early_initrd: the initrd line's first files, in the directory
 * of the first initrd (or of the kernel), split at every space. */
static void add_early_initrds(struct fc_grub_boot *o, struct fc_buf *line,
			      const struct fc_grub_entry_in *in,
			      const char *early)
{
	const char *base = in->initrds && in->initrds[0] ? in->initrds[0]
							  : in->linux_path;
	const char *slash = strrchr(base, '/');
	if (!slash) {
		unknown(o, fc_strdup("early_initrd with an initrd path "
				     "without '/' (GRUB's prefix is "
				     "undefined then)"));
		return;
	}
	for (const char *p = early;;) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);
		fc_buf_addf(line, " ($root)%.*s%.*s", (int)(slash - base + 1),
			    base, (int)len, p);
		if (!sp)
			break;
		p = sp + 1;
	}
}

void fc_grub_entry_boot(const struct fc_grub_entry_in *in,
			const struct fc_grub_vars *vars,
			struct fc_grub_boot *out)
{
	memset(out, 0, sizeof(*out));
	struct xstate x = { .vars = vars };
	out->had_options = in->options != NULL;
	out->options = fc_grub_bls_expand(in->options, vars, &out->from_env,
					  &out->n_from_env, &out->unset,
					  &out->n_unset, &out->unknowns,
					  &out->n_unknowns);
	if (!out->options) {
		/* create_entry: options that expand to nothing fall back to
		 * $default_kernelopts, as a missing options line does. */
		const char *dk = NULL;
		enum fc_grub_var_state st = get_at(vars, "default_kernelopts",
						   &dk);
		if (st == FC_GRUB_VAR_UNKNOWN)
			unknown(out, fc_strdup("$default_kernelopts (its value "
					       "is not known)"));
		else if (st == FC_GRUB_VAR_UNSET)
			fc_strv_add_unique(&out->unset, &out->n_unset,
					   fc_strdup("default_kernelopts"));
		else
			fc_strv_add_unique(&out->from_env, &out->n_from_env,
					   fc_strdup("default_kernelopts"));
		if (st == FC_GRUB_VAR_SET)
			out->options = fc_grub_bls_expand(
				dk, vars, &out->from_env, &out->n_from_env,
				&out->unset, &out->n_unset, &out->unknowns,
				&out->n_unknowns);
	}

	/* The menu entry's script (create_entry), line by line as
	 * execute.c runs it: "linux", then "initrd", then "devicetree". */
	_cleanup_free_ char *linux_src =
		fc_asprintf("linux ($root)%s%s%s", in->linux_path,
			    out->options ? " " : "",
			    out->options ? out->options : "");
	linux_line(out, &x, linux_src);

	const char *early = NULL;
	enum fc_grub_var_state est = get_at(vars, "early_initrd", &early);
	if (est == FC_GRUB_VAR_UNKNOWN)
		unknown(out, fc_strdup("$early_initrd (its value is not known; "
				       "it is written into the initrd line)"));
	bool have_initrd = in->initrds && in->initrds[0];
	if (have_initrd || (est == FC_GRUB_VAR_SET && early)) {
		struct fc_buf line = { 0 };
		fc_buf_adds(&line, "initrd");
		if (est == FC_GRUB_VAR_SET && early)
			add_early_initrds(out, &line, in, early);
		for (size_t i = 0; have_initrd && in->initrds[i]; i++)
			fc_buf_addf(&line, " ($root)%s", in->initrds[i]);
		check_other_line(out, &x, "initrd", line.data);
		fc_buf_free(&line);
	}
	char *dt = in->devicetree ? fc_grub_bls_expand(in->devicetree, vars,
						       &out->from_env,
						       &out->n_from_env,
						       &out->unset,
						       &out->n_unset,
						       &out->unknowns,
						       &out->n_unknowns)
				  : NULL;
	if (!dt) {
		const char *edt = NULL;
		if (get_at(vars, "devicetree", &edt) == FC_GRUB_VAR_UNKNOWN)
			unknown(out, fc_strdup("$devicetree (its value is not "
					       "known; it is written into the "
					       "devicetree line)"));
		dt = fc_grub_bls_expand(edt, vars, &out->from_env,
					&out->n_from_env, &out->unset,
					&out->n_unset, &out->unknowns,
					&out->n_unknowns);
	}
	if (dt) {
		_cleanup_free_ char *line =
			fc_asprintf("devicetree ($root)%s", dt);
		check_other_line(out, &x, "devicetree", line);
		free(dt);
	}

	for (size_t i = 0; i < x.n_expanded; i++)
		note(out, fc_asprintf("$%s is expanded when the entry boots "
				      "(its value came from a variable, or "
				      "the entry's linux line)",
				      x.expanded[i]));
	for (size_t i = 0; i < x.n_unknowns; i++)
		unknown(out, fc_strdup(x.unknowns[i]));
	fc_strv_free(x.unknowns);
	fc_strv_free(x.expanded);

	bool fits = true;
	out->cmdline = fc_grub_loader_cmdline(out->argv, out->argc,
					      FC_GRUB_CMDLINE_MAX, &fits);
	if (!fits)
		unknown(out, fc_asprintf("a command line longer than the %d "
					 "bytes a kernel takes: GRUB drops the "
					 "arguments that do not fit",
					 FC_GRUB_CMDLINE_MAX));
}

void fc_grub_boot_free(struct fc_grub_boot *b)
{
	free(b->options);
	fc_strv_free(b->from_env);
	fc_strv_free(b->unset);
	fc_strv_free(b->argv);
	free(b->cmdline);
	free(b->image);
	fc_strv_free(b->notes);
	fc_strv_free(b->unknowns);
	memset(b, 0, sizeof(*b));
}
