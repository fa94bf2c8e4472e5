/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What EL9's GRUB (rhboot/grub2 2.06) hands the kernel for a Boot Loader
 * Specification entry.  GRUB does not pass an entry's "options" line
 * through: it runs it through two interpreters, and so does this model.
 *
 *  1. blscfg (grub-core/commands/blscfg.c, expand_val) replaces each
 *     "$name" of the options line by the variable's value and a space
 *     when grub.cfg runs 'blscfg'; an unset variable gives nothing, a '$'
 *     not followed by a name is dropped, "\$" is kept.  An entry without
 *     options (or whose options expand to nothing at all) gets
 *     $default_kernelopts.  It then writes the menu entry as GRUB script:
 *     "linux ($root)<linux> <options>", "initrd ($root)<initrd> ...".
 *  2. When the entry boots, GRUB's script engine lexes and runs that text
 *     (grub-core/script/yylex.l, parser.y, execute.c) line by line: '#'
 *     at the start of a word comments out the rest of the line, ';' ends
 *     the command, quotes and backslashes group and escape, and every
 *     "$name" is expanded again: a variable's value that itself holds
 *     "$other" (grubenv's kernelopts="... $extra") is expanded now, and
 *     unquoted values are split into words.  Words that start with '/',
 *     '(' or '*' and hold a wildcard are matched against the disk
 *     (commands/wildcard.c).
 *  3. The linux command joins its words into the command line
 *     (lib/cmdline.c): "BOOT_IMAGE=<image> <arg> ...", an argument with a
 *     space in double quotes, '\', '\'' and '"' escaped with '\'.
 *
 * Every construct the model follows is in its result: notes for those
 * that change what the options line seems to say (a comment, a command
 * after ';', a second expansion), and "unknowns" for those it cannot
 * follow (an unclosed quote that joins the next line, a token GRUB's
 * grammar rejects, braces, a command other than an assignment after the
 * linux command, a variable whose value is not known, a wildcard, a
 * command line too long for the kernel).  With an unknown the arguments
 * are not certain, and a check must say so ("cannot tell"), never pass.
 *
 * Pure: text in, words out; variables come from the caller.
 */
#ifndef FC_GRUB_SCRIPT_H
#define FC_GRUB_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

/* --- the lexer (grub-core/script/yylex.l) --------------------------------- */

/* The pieces of one word, as GRUB's lexer splits it (its SPLIT state). */
enum fc_grub_part_type {
	FC_GRUB_PART_TEXT,    /* unquoted text; "\x" escapes kept as written */
	FC_GRUB_PART_SQSTR,   /* inside '...' */
	FC_GRUB_PART_DQSTR,   /* inside "...", its escapes resolved */
	FC_GRUB_PART_VAR,     /* $name outside quotes: split into words */
	FC_GRUB_PART_DQVAR,   /* $name inside "...": one word */
	FC_GRUB_PART_GETTEXT, /* $"...": a translated string */
};

struct fc_grub_part {
	enum fc_grub_part_type type;
	char *str; /* the text, or the variable's name */
};

enum fc_grub_tok {
	FC_GRUB_TOK_WORD,    /* a word (a reserved word too: see keyword) */
	FC_GRUB_TOK_NEWLINE,
	FC_GRUB_TOK_SEMI,    /* ";" */
	FC_GRUB_TOK_LBRACE,  /* "{" */
	FC_GRUB_TOK_RBRACE,  /* "}" */
	FC_GRUB_TOK_OTHER,   /* || && ;; | & < > [[ ]]: no grammar rule */
};

struct fc_grub_token {
	enum fc_grub_tok type;
	bool keyword; /* if, then, fi, function, ...: a word as an argument */
	char *src;    /* as written */
	unsigned line; /* 1-based */
	struct fc_grub_part *parts;
	size_t n_parts;
};

enum fc_grub_lex_end {
	FC_GRUB_LEX_OK,
	/* A quote left open, or a backslash before the last newline: GRUB
	 * reads the next line into the word. */
	FC_GRUB_LEX_CONTINUES,
	/* A character no token starts with ("$" without a name): GRUB's
	 * lexer fails and the line does not run. */
	FC_GRUB_LEX_BAD,
};

struct fc_grub_lexed {
	struct fc_grub_token *v;
	size_t n;
	char **comments; /* each comment GRUB skipped, as written */
	size_t n_comments;
	enum fc_grub_lex_end end;
	unsigned end_line; /* where the lexer stopped, for CONTINUES/BAD */
	char *end_src;     /* the text it stopped at */
};

/*
 * Lex len bytes of GRUB script (a newline is added at the end when there
 * is none, as GRUB does).  -EBADMSG for a NUL byte (GRUB's lines are C
 * strings); otherwise 0, with out->end saying how far it got.
 */
int fc_grub_lex(const char *text, size_t len, struct fc_grub_lexed *out)
	FC_WUR;
void fc_grub_lexed_free(struct fc_grub_lexed *l);
/* Is name one of GRUB's reserved words (the lexer's keyword rules)? */
bool fc_grub_is_keyword(const char *s);

/* The value of a word without variables, as GRUB passes it (one
 * argument: its quotes and escapes resolved), or NULL. */
char *fc_grub_word_literal(const struct fc_grub_token *t);
/* The variable a word is made of ("$x", "${x}", "\"$x\""), or NULL. */
const char *fc_grub_word_var(const struct fc_grub_token *t);

/* --- variables ------------------------------------------------------------ */

enum fc_grub_var_state {
	FC_GRUB_VAR_UNSET,
	FC_GRUB_VAR_SET,
	FC_GRUB_VAR_UNKNOWN, /* GRUB has a value fipsctl cannot know */
};

/* When a variable is read: while grub.cfg runs 'blscfg', or when the
 * entry boots (after all of grub.cfg ran). */
enum fc_grub_stage {
	FC_GRUB_AT_BLSCFG,
	FC_GRUB_AT_BOOT,
};

/*
 * The caller's variables: *value for SET, *why (static or owned by the
 * caller) for UNKNOWN.
 */
struct fc_grub_vars {
	enum fc_grub_var_state (*get)(const void *ud, enum fc_grub_stage stage,
				      const char *name, const char **value,
				      const char **why);
	const void *ud;
};

/* --- one BLS entry -------------------------------------------------------- */

struct fc_grub_entry_in {
	const char *linux_path;  /* the "linux" value */
	const char *options;     /* the first "options" value, or NULL */
	const char *const *initrds; /* every "initrd" value, NULL-terminated */
	const char *devicetree;  /* the "devicetree" value, or NULL */
};

struct fc_grub_boot {
	/* blscfg's expansion: what follows the image in the linux line
	 * (NULL when it adds nothing), and whether it came from options. */
	char *options;
	bool had_options;
	/* Variables blscfg expanded with a value, and those it found unset
	 * (each once, in order). */
	char **from_env;
	size_t n_from_env;
	char **unset;
	size_t n_unset;

	/* The linux command's words after GRUB's expansion: argv[0] is the
	 * image ("($root)/vmlinuz-..."), the rest the kernel's arguments. */
	char **argv;
	size_t argc;
	/* What the kernel receives: "BOOT_IMAGE=<image> <args>". */
	char *cmdline;
	/* The image's path on its device (argv[0] without "(...)"), or NULL
	 * when it is not certain. */
	char *image;

	char **notes;    /* constructs that change the arguments, followed */
	size_t n_notes;
	char **unknowns; /* constructs not followed: arguments not certain */
	size_t n_unknowns;
};

/*
 * The arguments GRUB passes for an entry, with vars as GRUB sees them.
 * Never fails: what cannot be followed is in out->unknowns.
 */
void fc_grub_entry_boot(const struct fc_grub_entry_in *in,
			const struct fc_grub_vars *vars,
			struct fc_grub_boot *out);
void fc_grub_boot_free(struct fc_grub_boot *b);

/*
 * blscfg's expand_val: value with every "$name" replaced at stage
 * FC_GRUB_AT_BLSCFG; NULL when GRUB's buffer stays empty (nothing at
 * all was appended).  Unknown variables go to *unknowns as a phrase.
 */
char *fc_grub_bls_expand(const char *value, const struct fc_grub_vars *vars,
			 char ***from_env, size_t *n_from_env, char ***unset,
			 size_t *n_unset, char ***unknowns, size_t *n_unknowns);

/*
 * The kernel command line the linux command builds from its words
 * (argv[0] the image), as lib/cmdline.c writes it, and whether every
 * argument fit in limit bytes (the kernel header's cmdline_size; the
 * arguments that do not fit are dropped, as GRUB does).
 */
char *fc_grub_loader_cmdline(char *const *argv, size_t argc, size_t limit,
			     bool *fits);
/* x86_64's COMMAND_LINE_SIZE - 1, the cmdline_size EL9 kernels declare. */
#define FC_GRUB_CMDLINE_MAX 2047

#endif
