// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/grub-cfg.h"

#include <errno.h>
#include <string.h>

#include "base/strv.h"

/* A block being read: an if/while/until/for (conditional), a function
 * body or a menu entry's body (neither runs while grub.cfg is read). */
enum frame_kind { F_COND, F_FUNC, F_ENTRY, F_BLOCK };

struct frame {
	enum frame_kind kind;
	struct fc_buf cond; /* the condition commands, as written */
	/* F_ENTRY: the entry, and whether its body so far is just
	 * "fwsetup" (30_uefi-firmware's entry, which boots no kernel) */
	char *title;
	char *where;
	size_t n_cmds;
	bool fwsetup;
	bool before_blscfg;
};

struct scan {
	struct fc_grubcfg *cfg;
	const char *file;
	enum fc_grubcfg_file kind;
	const struct fc_grub_lexed *l;
	struct frame *st;
	size_t n_st;
	bool saw_blscfg;
	/* The next command is the condition of the innermost F_COND. */
	bool in_cond;
};

static void default_unknown(struct fc_grubcfg *cfg, char *s)
{
	fc_strv_add_unique(&cfg->default_unknowns, &cfg->n_default_unknowns,
			   s);
}

static void menu_unknown(struct fc_grubcfg *cfg, char *s)
{
	fc_strv_add_unique(&cfg->menu_unknowns, &cfg->n_menu_unknowns, s);
}

/* Both: the entries and the default are uncertain. */
static void both_unknown(struct fc_grubcfg *cfg, const char *s)
{
	default_unknown(cfg, fc_strdup(s));
	menu_unknown(cfg, fc_strdup(s));
}

static void push(struct scan *s, enum frame_kind k)
{
	s->st = fc_realloc(s->st, (s->n_st + 1) * sizeof(*s->st));
	s->st[s->n_st++] = (struct frame){ .kind = k };
}

static void frame_free(struct frame *f)
{
	fc_buf_free(&f->cond);
	free(f->title);
	free(f->where);
}

static void add_event(struct fc_grubcfg *cfg, struct fc_grubcfg_event ev)
{
	cfg->ev = fc_realloc(cfg->ev, (cfg->n_ev + 1) * sizeof(*cfg->ev));
	cfg->ev[cfg->n_ev++] = ev;
}

/* A menu entry's body ended: what the entry is. */
static void entry_done(struct scan *s, struct frame *f)
{
	if (f->fwsetup && f->n_cmds == 1) {
		fc_strv_add_unique(&s->cfg->notes, &s->cfg->n_notes,
				   fc_asprintf("%s adds the menu entry '%s', "
					       "which runs fwsetup and boots "
					       "no kernel",
					       f->where, f->title));
		return;
	}
	_cleanup_free_ char *what = fc_asprintf(
		"%s adds the menu entry '%s'%s", f->where, f->title,
		f->before_blscfg ? ", before the BLS entries (GRUB's first "
				   "entry then)"
				 : "");
	menu_unknown(s->cfg, fc_strdup(what));
	if (f->before_blscfg)
		default_unknown(s->cfg, fc_strdup(what));
	else
		/* After the BLS entries it takes a menu position and may
		 * be what default names: the caller decides with it. */
		s->cfg->n_entries_after++;
}

static void pop(struct scan *s, enum frame_kind want, const char *what)
{
	if (!s->n_st || (want == F_COND && s->st[s->n_st - 1].kind != F_COND) ||
	    (want != F_COND && s->st[s->n_st - 1].kind == F_COND)) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s: an unmatched '%s' (GRUB's parser rejects the "
			"file from there)",
			s->file, what);
		both_unknown(s->cfg, m);
		return;
	}
	struct frame *f = &s->st[--s->n_st];
	if (f->kind == F_ENTRY)
		entry_done(s, f);
	frame_free(f);
}

/* Flags of the commands read now: inside a function or entry body
 * (not run while grub.cfg is read), inside a conditional. */
static bool not_run(const struct scan *s)
{
	for (size_t i = 0; i < s->n_st; i++)
		if (s->st[i].kind == F_FUNC || s->st[i].kind == F_ENTRY)
			return true;
	return false;
}

static bool conditional(const struct scan *s)
{
	for (size_t i = 0; i < s->n_st; i++)
		if (s->st[i].kind == F_COND)
			return true;
	return false;
}

static bool cond_mentions(const struct scan *s, const char *needle)
{
	for (size_t i = 0; i < s->n_st; i++)
		if (s->st[i].kind == F_COND && s->st[i].cond.data &&
		    strstr(s->st[i].cond.data, needle))
			return true;
	return false;
}

static char *where(const struct scan *s, const struct fc_grub_token *t)
{
	return fc_asprintf("%s line %u", s->file, t->line);
}

/* The name and value word of an assignment "NAME=VALUE" (one word): the
 * name must be plain text; val borrows the word's parts after '='. */
static char *split_assign(const struct fc_grub_token *t,
			  struct fc_grub_token *val, char **first_rest)
{
	*first_rest = NULL;
	if (!t->n_parts || t->parts[0].type != FC_GRUB_PART_TEXT)
		return NULL;
	const char *eq = strchr(t->parts[0].str, '=');
	if (!eq || eq == t->parts[0].str)
		return NULL;
	*first_rest = fc_strdup(eq + 1);
	*val = *t;
	val->parts = fc_calloc(t->n_parts, sizeof(*val->parts));
	memcpy(val->parts, t->parts, t->n_parts * sizeof(*t->parts));
	val->parts[0].str = *first_rest;
	return fc_strndup(t->parts[0].str, (size_t)(eq - t->parts[0].str));
}

/* "[ -z "${name}" ]" as the condition of the innermost conditional. */
static bool when_empty(const struct scan *s, const char *name)
{
	if (!s->n_st || s->st[s->n_st - 1].kind != F_COND)
		return false;
	const char *c = s->st[s->n_st - 1].cond.data;
	_cleanup_free_ char *a = fc_asprintf("[ -z \"${%s}\" ]", name);
	_cleanup_free_ char *b = fc_asprintf("[ -z \"$%s\" ]", name);
	return c && (fc_streq(c, a) || fc_streq(c, b));
}

static void assignment(struct scan *s, const struct fc_grub_token *t)
{
	struct fc_grub_token val;
	_cleanup_free_ char *rest = NULL;
	_cleanup_free_ char *name = split_assign(t, &val, &rest);
	_cleanup_free_ char *at = where(s, t);
	if (!name) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s sets a variable whose name is computed ('%s')", at,
			t->src);
		both_unknown(s->cfg, m);
		return;
	}
	struct fc_grubcfg_event ev = {
		.type = FC_GRUBCFG_SET,
		.name = FC_TAKE(name),
		.value = fc_grub_word_literal(&val),
		.conditional = conditional(s),
		.where = FC_TAKE(at),
	};
	if (ev.conditional && when_empty(s, ev.name)) {
		ev.when_empty = true;
		ev.conditional = false;
	}
	if (fc_streq(ev.name, "default")) {
		const char *v = fc_grub_word_var(&val);
		if (fc_streq(v, "next_entry"))
			ev.def = FC_GRUBCFG_DEFAULT_NEXT;
		else if (fc_streq(v, "saved_entry"))
			ev.def = FC_GRUBCFG_DEFAULT_SAVED;
		else if (ev.conditional && cond_mentions(s, "boot_counter"))
			ev.def = FC_GRUBCFG_DEFAULT_COUNTING;
		else
			default_unknown(s->cfg,
					fc_asprintf("%s sets default (%s)",
						    ev.where, t->src));
	}
	free(val.parts);
	add_event(s->cfg, ev);
}

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (fc_streq(s, *list))
			return true;
	return false;
}

/* One command of words v[first, last) that runs while grub.cfg is read. */
static void command(struct scan *s, size_t first, size_t last, bool block)
{
	const struct fc_grub_lexed *l = s->l;
	const struct fc_grub_token *t0 = &l->v[first];
	_cleanup_free_ char *name = fc_grub_word_literal(t0);
	_cleanup_free_ char *at = where(s, t0);
	static const char *const readers[] = {
		"configfile", "normal", "extract_entries_source",
		"extract_entries_configfile", "extract_legacy_entries_source",
		"extract_legacy_entries_configfile", "syslinux_source",
		"syslinux_configfile", "eval", NULL,
	};
	static const char *const loaders[] = {
		"linux",     "linux16",	     "linuxefi", "initrd",
		"initrd16",  "initrdefi",    "boot",	 "chainloader",
		"multiboot", "multiboot2",   "bls_import_entry", NULL,
	};
	if (!name) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s runs a command whose name is computed ('%s')", at,
			t0->src);
		both_unknown(s->cfg, m);
		return;
	}
	if (fc_streq(name, "menuentry") || fc_streq(name, "submenu")) {
		/* The frame is pushed by the caller at the '{'. */
		return;
	}
	if (fc_streq(name, "set")) {
		for (size_t i = first + 1; i < last; i++)
			assignment(s, &l->v[i]);
		return;
	}
	if (fc_streq(name, "unset")) {
		for (size_t i = first + 1; i < last; i++)
			add_event(s->cfg, (struct fc_grubcfg_event){
				.type = FC_GRUBCFG_SET,
				.name = fc_grub_word_literal(&l->v[i]),
				.unset = true,
				.conditional = conditional(s),
				.where = fc_strdup(at),
			});
		return;
	}
	if (fc_streq(name, "load_env")) {
		/* 00_header: "load_env -f ${config_directory}/grubenv" or
		 * "load_env"; a list of variables loads only those. */
		size_t n = last - first - 1;
		bool file = n >= 2 && fc_streq(l->v[first + 1].src, "-f");
		if (n != 0 && !(file && n == 2)) {
			_cleanup_free_ char *m = fc_asprintf(
				"%s runs load_env with other arguments than "
				"EL9's (a file or a list of variables)",
				at);
			both_unknown(s->cfg, m);
		}
		add_event(s->cfg, (struct fc_grubcfg_event){
			.type = FC_GRUBCFG_LOAD_ENV,
			.conditional = conditional(s),
			.where = fc_strdup(at),
		});
		return;
	}
	if (fc_streq(name, "blscfg") || fc_streq(name, "bls_import")) {
		if (last - first > 1 || conditional(s) || block) {
			_cleanup_free_ char *m = fc_asprintf(
				"%s runs '%s' %s", at, name,
				last - first > 1 ? "with arguments (an entry, a "
						   "directory, default or "
						   "non-default)"
						 : "under a condition");
			both_unknown(s->cfg, m);
		}
		s->saw_blscfg = true;
		add_event(s->cfg, (struct fc_grubcfg_event){
			.type = FC_GRUBCFG_BLSCFG,
			.where = fc_strdup(at),
		});
		return;
	}
	if (fc_streq(name, "source") || fc_streq(name, ".")) {
		/* 01_users and 41_custom source user.cfg and custom.cfg,
		 * which fipsctl reads itself. */
		_cleanup_free_ char *target =
			last - first > 1 ? fc_strdup(l->v[first + 1].src)
					 : fc_strdup("");
		const char *base = strrchr(target, '/');
		base = base ? base + 1 : target;
		if (!fc_streq(base, "user.cfg") && !fc_streq(base, "custom.cfg")) {
			_cleanup_free_ char *m = fc_asprintf(
				"%s reads another file ('%s %s')", at, name,
				target);
			both_unknown(s->cfg, m);
		}
		return;
	}
	if (is_one_of(name, readers)) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s runs '%s', which reads more configuration", at,
			name);
		both_unknown(s->cfg, m);
		return;
	}
	if (is_one_of(name, loaders)) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s runs '%s' outside a menu entry", at, name);
		both_unknown(s->cfg, m);
		return;
	}
	/* execute.c: a name that is no command and holds '=' assigns. */
	if (strchr(name, '=') && !block)
		assignment(s, t0);
}

static void cond_text(struct frame *f, const struct fc_grub_lexed *l,
		      size_t first, size_t last)
{
	for (size_t i = first; i < last; i++)
		fc_buf_addf(&f->cond, "%s%s", f->cond.len ? " " : "",
			    l->v[i].src);
}

/* The innermost open frame of kind, or NULL. */
static struct frame *innermost(struct scan *s)
{
	return s->n_st ? &s->st[s->n_st - 1] : NULL;
}

static void scan_tokens(struct scan *s)
{
	const struct fc_grub_lexed *l = s->l;
	bool start = true;
	for (size_t i = 0; i < l->n;) {
		const struct fc_grub_token *t = &l->v[i];
		if (t->type == FC_GRUB_TOK_NEWLINE || t->type == FC_GRUB_TOK_SEMI) {
			start = true;
			i++;
			continue;
		}
		if (t->type == FC_GRUB_TOK_RBRACE) {
			pop(s, F_BLOCK, "}");
			start = false;
			i++;
			continue;
		}
		if (t->type != FC_GRUB_TOK_WORD || !start) {
			/* '{' without a command, a token the parser rejects,
			 * or words after a keyword's own words. */
			if (t->type != FC_GRUB_TOK_WORD) {
				_cleanup_free_ char *at = where(s, t);
				_cleanup_free_ char *m = fc_asprintf(
					"%s: '%s', which GRUB's parser "
					"rejects",
					at, t->src);
				both_unknown(s->cfg, m);
			}
			i++;
			continue;
		}
		if (t->keyword) {
			const char *k = t->src;
			i++;
			if (fc_streq(k, "if") || fc_streq(k, "while") ||
			    fc_streq(k, "until")) {
				push(s, F_COND);
				s->in_cond = true;
			} else if (fc_streq(k, "elif")) {
				s->in_cond = true;
			} else if (fc_streq(k, "fi") || fc_streq(k, "done")) {
				pop(s, F_COND, k);
				start = false;
			} else if (fc_streq(k, "for")) {
				/* "for NAME in WORDS; do": the words are
				 * not commands. */
				push(s, F_COND);
				while (i < l->n &&
				       !(l->v[i].keyword &&
					 fc_streq(l->v[i].src, "do")))
					i++;
			} else if (fc_streq(k, "function")) {
				/* "function NAME {": the body runs when
				 * called, never while grub.cfg is read (EL9
				 * defines savedefault and load_video). */
				while (i < l->n &&
				       l->v[i].type != FC_GRUB_TOK_LBRACE)
					i++;
				push(s, F_FUNC);
				i++;
			} else if (!fc_streq(k, "then") && !fc_streq(k, "else") &&
				   !fc_streq(k, "do")) {
				_cleanup_free_ char *at = where(s, t);
				_cleanup_free_ char *m = fc_asprintf(
					"%s: '%s', which fipsctl does not "
					"follow",
					at, k);
				both_unknown(s->cfg, m);
			}
			continue;
		}
		/* A command: its words up to a separator or a '{'. */
		size_t last = i;
		while (last < l->n && l->v[last].type == FC_GRUB_TOK_WORD)
			last++;
		bool block = last < l->n && l->v[last].type == FC_GRUB_TOK_LBRACE;
		if (s->in_cond && innermost(s) && innermost(s)->kind == F_COND) {
			cond_text(innermost(s), l, i, last);
			s->in_cond = false;
		}
		_cleanup_free_ char *name = fc_grub_word_literal(&l->v[i]);
		bool entry = fc_streq(name, "menuentry") ||
			     fc_streq(name, "submenu");
		struct frame *in = innermost(s);
		if (in && in->kind == F_ENTRY) {
			in->n_cmds++;
			in->fwsetup = fc_streq(name, "fwsetup") &&
				      last - i == 1;
		}
		if (!not_run(s))
			command(s, i, last, block);
		if (block) {
			bool counts = entry && !not_run(s);
			/* A submenu's entries are menu entries too. */
			if (entry && in && in->kind == F_ENTRY && !counts)
				counts = true;
			push(s, counts ? F_ENTRY : F_BLOCK);
			struct frame *f = innermost(s);
			if (counts) {
				_cleanup_free_ char *title =
					last - i > 1
						? fc_grub_word_literal(
							  &l->v[i + 1])
						: NULL;
				f->title = fc_printable(
					title ? title
					: last - i > 1 ? l->v[i + 1].src
						       : "",
					100);
				f->where = where(s, &l->v[i]);
				f->before_blscfg =
					s->kind == FC_GRUBCFG_BEFORE_BLSCFG ||
					(s->kind == FC_GRUBCFG_MAIN &&
					 !s->saw_blscfg);
			}
			last++;
		}
		start = block;
		i = last;
	}
}

int fc_grubcfg_scan(struct fc_grubcfg *cfg, const char *file,
		    enum fc_grubcfg_file kind, const char *text, size_t len)
{
	struct fc_grub_lexed l;
	int r = fc_grub_lex(text, len, &l);
	if (r < 0)
		return r;
	if (kind == FC_GRUBCFG_MAIN)
		cfg->present = true;
	struct scan s = { .cfg = cfg, .file = file, .kind = kind, .l = &l };
	scan_tokens(&s);
	if (l.end != FC_GRUB_LEX_OK) {
		_cleanup_free_ char *shown = fc_printable(l.end_src, 60);
		_cleanup_free_ char *m = fc_asprintf(
			"%s line %u: %s at '%s' (GRUB's parser fails there)",
			file, l.end_line,
			l.end == FC_GRUB_LEX_CONTINUES ? "a quote left open"
						       : "a token GRUB's lexer "
							 "rejects",
			shown);
		both_unknown(cfg, m);
	}
	if (s.n_st) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s ends inside a block (GRUB's parser rejects it)",
			file);
		both_unknown(cfg, m);
	}
	for (size_t i = 0; i < s.n_st; i++)
		frame_free(&s.st[i]);
	free(s.st);
	if (kind == FC_GRUBCFG_MAIN && !s.saw_blscfg) {
		_cleanup_free_ char *m = fc_asprintf(
			"%s does not run blscfg: the BLS entries are not "
			"GRUB's menu",
			file);
		both_unknown(cfg, m);
	}
	fc_grub_lexed_free(&l);
	return 0;
}

void fc_grubcfg_assume_stock(struct fc_grubcfg *cfg)
{
	add_event(cfg, (struct fc_grubcfg_event){
		.type = FC_GRUBCFG_LOAD_ENV,
		.where = fc_strdup("EL9's grub.cfg"),
	});
	add_event(cfg, (struct fc_grubcfg_event){
		.type = FC_GRUBCFG_SET,
		.name = fc_strdup("default"),
		.conditional = true,
		.def = FC_GRUBCFG_DEFAULT_NEXT,
		.where = fc_strdup("EL9's grub.cfg"),
	});
	add_event(cfg, (struct fc_grubcfg_event){
		.type = FC_GRUBCFG_SET,
		.name = fc_strdup("default"),
		.conditional = true,
		.def = FC_GRUBCFG_DEFAULT_SAVED,
		.where = fc_strdup("EL9's grub.cfg"),
	});
	add_event(cfg, (struct fc_grubcfg_event){
		.type = FC_GRUBCFG_SET,
		.name = fc_strdup("default"),
		.conditional = true,
		.def = FC_GRUBCFG_DEFAULT_COUNTING,
		.where = fc_strdup("EL9's grub.cfg"),
	});
	add_event(cfg, (struct fc_grubcfg_event){
		.type = FC_GRUBCFG_BLSCFG,
		.where = fc_strdup("EL9's grub.cfg"),
	});
}

void fc_grubcfg_free(struct fc_grubcfg *cfg)
{
	for (size_t i = 0; i < cfg->n_ev; i++) {
		free(cfg->ev[i].name);
		free(cfg->ev[i].value);
		free(cfg->ev[i].where);
	}
	free(cfg->ev);
	fc_strv_free(cfg->default_unknowns);
	fc_strv_free(cfg->menu_unknowns);
	fc_strv_free(cfg->notes);
	memset(cfg, 0, sizeof(*cfg));
}

/* Variables GRUB sets itself while it runs (kern/, normal/, the search
 * and video code): their values at boot are not in any file. */
static bool runtime_var(const char *name)
{
	static const char *const names[] = {
		"root", "prefix", "cmdpath", "config_directory",
		"config_file", "grub_platform", "grub_cpu", "chosen", "?",
		"lang", "locale_dir", "secondary_locale_dir", "gfxpayload",
		"gfxmode", "timeout", "timeout_style", "default", "fallback",
		"pager", "color_normal", "color_highlight", "superusers",
		"check_signatures", "shim_lock", "lockdown", "boot_once",
		"menuentry_id_option", NULL,
	};
	return is_one_of(name, names) || fc_startswith(name, "feature_") ||
	       fc_startswith(name, "net_") || fc_startswith(name, "pxe_");
}

enum fc_grub_var_state fc_grub_env_get(const void *ud,
				       enum fc_grub_stage stage,
				       const char *name, const char **value,
				       const char **why)
{
	const struct fc_grub_env *e = ud;
	if (runtime_var(name)) {
		*why = "GRUB sets it itself at boot";
		return FC_GRUB_VAR_UNKNOWN;
	}
	enum fc_grub_var_state st = FC_GRUB_VAR_UNSET;
	const char *val = NULL;
	for (size_t i = 0; i < e->cfg->n_ev; i++) {
		const struct fc_grubcfg_event *ev = &e->cfg->ev[i];
		if (ev->type == FC_GRUBCFG_BLSCFG) {
			if (stage == FC_GRUB_AT_BLSCFG)
				break;
			continue;
		}
		if (ev->type == FC_GRUBCFG_LOAD_ENV) {
			const char *v = fc_grubenv_get(e->env, name);
			if (v) {
				st = FC_GRUB_VAR_SET;
				val = v;
			}
			continue;
		}
		if (!fc_streq(ev->name, name))
			continue;
		if (ev->unset && !ev->conditional) {
			st = FC_GRUB_VAR_UNSET;
		} else if (ev->when_empty) {
			if (st == FC_GRUB_VAR_SET && val && *val)
				continue;
			st = ev->value ? FC_GRUB_VAR_SET : FC_GRUB_VAR_UNKNOWN;
			val = ev->value;
			*why = "grub.cfg sets it from other variables";
		} else if (ev->conditional || !ev->value) {
			st = FC_GRUB_VAR_UNKNOWN;
			*why = ev->conditional ? "grub.cfg sets it under a "
						 "condition"
					       : "grub.cfg sets it from other "
						 "variables";
		} else {
			st = FC_GRUB_VAR_SET;
			val = ev->value;
		}
	}
	*value = val;
	return st;
}

bool fc_grubcfg_default(const struct fc_grubcfg *cfg,
			const struct fc_grubenv *env, const char **spec,
			const char **via, char **why)
{
	bool next = false, saved = false, counting = false;
	*spec = NULL;
	*via = NULL;
	*why = NULL;
	for (size_t i = 0; i < cfg->n_ev; i++) {
		const struct fc_grubcfg_event *ev = &cfg->ev[i];
		if (ev->type != FC_GRUBCFG_SET || !fc_streq(ev->name, "default"))
			continue;
		switch (ev->def) {
		case FC_GRUBCFG_DEFAULT_NEXT:
			next = true;
			break;
		case FC_GRUBCFG_DEFAULT_SAVED:
			saved = true;
			break;
		case FC_GRUBCFG_DEFAULT_COUNTING:
			counting = true;
			break;
		case FC_GRUBCFG_DEFAULT_OTHER:
			*why = fc_asprintf("%s sets default", ev->where);
			return false;
		}
	}
	const char *counter = fc_grubenv_get(env, "boot_counter");
	const char *success = fc_grubenv_get(env, "boot_success");
	if (counting && counter && *counter && fc_streq(success, "0")) {
		*why = fc_asprintf("grubenv's boot_counter=%s with "
				   "boot_success=0: grub.cfg's fallback "
				   "counting may set default=1",
				   counter);
		return false;
	}
	const char *ne = fc_grubenv_get(env, "next_entry");
	if (next && ne && *ne) {
		*spec = ne;
		*via = "next_entry";
	} else if (saved) {
		const char *se = fc_grubenv_get(env, "saved_entry");
		*spec = se && *se ? se : NULL;
		*via = "saved_entry";
	}
	return true;
}
