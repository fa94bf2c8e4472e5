// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Would a version-release pattern of a table also match a stock
 * distribution build?  A pattern such as "1.10.0-11.*" meant for CIQ's
 * libgcrypt-1.10.0-11.el9_6ciqfips.1.1 also matches the stock
 * libgcrypt-1.10.0-11.el9, which would then be reported as the validated
 * build (policy-sources.md, "Corrections and additions").  Lint refuses
 * such a pattern unless its entry says it is meant to.
 *
 * The question is whether two regular languages meet: the pattern's
 * (fnmatch(3) without flags: '*', '?', '[...]' with '!' and ranges) and
 * that of stock EL releases.  It is answered exactly by a breadth-first
 * walk over pairs (position in the pattern, state of the stock-release
 * automaton), which also yields the shortest stock build it matches as an
 * example for the message.
 */
#include "policy/policy-lint.h"

#include <string.h>

/* --- the pattern ---------------------------------------------------------- */

enum tok_kind { TOK_CHAR, TOK_ANY, TOK_STAR, TOK_SET };
struct tok {
	enum tok_kind kind;
	unsigned char c;
	bool set[256];
};

/* fnmatch's syntax; an unterminated '[' is a literal '[', as fnmatch has it. */
static size_t parse_glob(const char *g, struct tok *t, size_t max)
{
	size_t n = 0;
	for (const char *p = g; *p && n < max; p++) {
		struct tok *k = &t[n++];
		memset(k, 0, sizeof(*k));
		if (*p == '*') {
			k->kind = TOK_STAR;
			continue;
		}
		if (*p == '?') {
			k->kind = TOK_ANY;
			continue;
		}
		const char *close = *p == '[' ? strchr(p + 2, ']') : NULL;
		if (!close) {
			k->kind = TOK_CHAR;
			k->c = (unsigned char)*p;
			continue;
		}
		k->kind = TOK_SET;
		const char *q = p + 1;
		bool neg = *q == '!';
		if (neg)
			q++;
		/* A ']' right after '[' or '[!' is a member. */
		close = strchr(q + 1, ']');
		if (!close) {
			k->kind = TOK_CHAR;
			k->c = (unsigned char)*p;
			continue;
		}
		for (; q < close; q++) {
			if (q[1] == '-' && q + 2 < close) {
				for (int c = (unsigned char)q[0];
				     c <= (unsigned char)q[2]; c++)
					k->set[c] = true;
				q += 2;
			} else {
				k->set[(unsigned char)*q] = true;
			}
		}
		if (neg)
			for (int c = 0; c < 256; c++)
				k->set[c] = !k->set[c];
		p = close;
	}
	return n;
}

static bool tok_accepts(const struct tok *k, unsigned char c)
{
	switch (k->kind) {
	case TOK_CHAR:
		return k->c == c;
	case TOK_SET:
		return k->set[c];
	case TOK_ANY:
	case TOK_STAR:
	default:
		return true;
	}
}

/* --- stock EL releases ------------------------------------------------------ */

/*
 * [EPOCH:]VERSION-N(.N)*.elN(_N)?(.N)*(.(alma|rocky)(.N)*)?
 * as a nondeterministic automaton; a state set is a bit mask.
 */
enum {
	S_EPOCH0, S_EPOCH, S_VER0, S_VER, S_REL0, S_RELN, S_RELDOT, S_E,
	S_EL, S_DIST, S_US, S_MINOR, S_TDOT, S_TNUM, S_A1, S_A2, S_A3,
	S_R1, S_R2, S_R3, S_R4, S_VEND, S_VDOT, S_VNUM, S_COUNT_
};
#define BIT(s) (1u << (s))
#define ACCEPTING                                                              \
	(BIT(S_DIST) | BIT(S_MINOR) | BIT(S_TNUM) | BIT(S_VEND) | BIT(S_VNUM))

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_verchar(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("._+~^", c));
}

static unsigned step1(unsigned s, unsigned char c)
{
	bool d = is_digit(c);
	switch (s) {
	case S_EPOCH0:
		return d ? BIT(S_EPOCH) : 0;
	case S_EPOCH:
		return d ? BIT(S_EPOCH) : c == ':' ? BIT(S_VER0) : 0;
	case S_VER0:
		return is_verchar(c) ? BIT(S_VER) : 0;
	case S_VER:
		return is_verchar(c) ? BIT(S_VER) : c == '-' ? BIT(S_REL0) : 0;
	case S_REL0:
		return d ? BIT(S_RELN) : 0;
	case S_RELN:
		return d ? BIT(S_RELN) : c == '.' ? BIT(S_RELDOT) : 0;
	case S_RELDOT:
		return d ? BIT(S_RELN) : c == 'e' ? BIT(S_E) : 0;
	case S_E:
		return c == 'l' ? BIT(S_EL) : 0;
	case S_EL:
		return d ? BIT(S_DIST) : 0;
	case S_DIST:
		return d ? BIT(S_DIST)
			 : c == '_' ? BIT(S_US) : c == '.' ? BIT(S_TDOT) : 0;
	case S_US:
		return d ? BIT(S_MINOR) : 0;
	case S_MINOR:
		return d ? BIT(S_MINOR) : c == '.' ? BIT(S_TDOT) : 0;
	case S_TDOT:
		return d ? BIT(S_TNUM)
			 : c == 'a' ? BIT(S_A1) : c == 'r' ? BIT(S_R1) : 0;
	case S_TNUM:
		return d ? BIT(S_TNUM) : c == '.' ? BIT(S_TDOT) : 0;
	case S_A1:
		return c == 'l' ? BIT(S_A2) : 0;
	case S_A2:
		return c == 'm' ? BIT(S_A3) : 0;
	case S_A3:
		return c == 'a' ? BIT(S_VEND) : 0;
	case S_R1:
		return c == 'o' ? BIT(S_R2) : 0;
	case S_R2:
		return c == 'c' ? BIT(S_R3) : 0;
	case S_R3:
		return c == 'k' ? BIT(S_R4) : 0;
	case S_R4:
		return c == 'y' ? BIT(S_VEND) : 0;
	case S_VEND:
		return c == '.' ? BIT(S_VDOT) : 0;
	case S_VDOT:
		return d ? BIT(S_VNUM) : 0;
	case S_VNUM:
		return d ? BIT(S_VNUM) : c == '.' ? BIT(S_VDOT) : 0;
	default:
		return 0;
	}
}

/* --- the walk ------------------------------------------------------------- */

/* Characters tried, in this order: the example reads like a real build. */
static const char alphabet[] = "9012345678.-_:elamrockyABCDEFGHIJKLMNOPQRSTU"
			       "VWXYZbdfghijnpqstuvwxz+~^";

#define MAX_TOKENS 256

struct node {
	int prev;      /* index of the node it came from, -1 at the start */
	char c;        /* the character that led here ('\0': epsilon) */
};

bool fc_policy_glob_matches_stock(const char *glob, char **witness)
{
	if (witness)
		*witness = NULL;
	struct tok *t = fc_calloc(MAX_TOKENS, sizeof(*t));
	size_t n = parse_glob(glob, t, MAX_TOKENS);
	bool epoch = strchr(glob, ':') != NULL;
	size_t cells = (n + 1) * S_COUNT_;
	struct node *seen = fc_calloc(cells, sizeof(*seen));
	bool *visited = fc_calloc(cells, sizeof(*visited));
	int *queue = fc_calloc(cells, sizeof(*queue));
	size_t head = 0, tail = 0;
	int found = -1;
#define CELL(i, s) ((int)((i) * S_COUNT_ + (s)))
#define PUSH(cell, from, ch)                                                   \
	do {                                                                   \
		int c_ = (cell);                                               \
		if (!visited[c_]) {                                            \
			visited[c_] = true;                                    \
			seen[c_] = (struct node){ (from), (ch) };              \
			queue[tail++] = c_;                                    \
		}                                                              \
	} while (0)
	PUSH(CELL(0, S_VER0), -1, '\0');
	if (epoch)
		PUSH(CELL(0, S_EPOCH0), -1, '\0');
	while (head < tail && found < 0) {
		int cur = queue[head++];
		size_t i = (size_t)cur / S_COUNT_;
		unsigned s = (unsigned)cur % S_COUNT_;
		if (i == n && (ACCEPTING & BIT(s))) {
			found = cur;
			break;
		}
		if (i == n)
			continue;
		if (t[i].kind == TOK_STAR)
			PUSH(CELL(i + 1, s), cur, '\0');
		for (const char *a = alphabet; *a; a++) {
			unsigned char c = (unsigned char)*a;
			if (!tok_accepts(&t[i], c))
				continue;
			unsigned next = step1(s, c);
			for (unsigned q = 0; q < S_COUNT_; q++) {
				if (!(next & BIT(q)))
					continue;
				size_t ni = t[i].kind == TOK_STAR ? i : i + 1;
				PUSH(CELL(ni, q), cur, (char)c);
			}
		}
	}
#undef PUSH
#undef CELL
	if (found >= 0 && witness) {
		struct fc_buf b = { 0 };
		for (int c = found; c >= 0; c = seen[c].prev)
			if (seen[c].c)
				fc_buf_add(&b, &seen[c].c, 1);
		char *w = fc_buf_steal(&b);
		size_t len = w ? strlen(w) : 0;
		for (size_t k = 0; k < len / 2; k++) {
			char x = w[k];
			w[k] = w[len - 1 - k];
			w[len - 1 - k] = x;
		}
		*witness = w ? w : fc_strdup("");
	}
	free(t);
	free(seen);
	free(visited);
	free(queue);
	return found >= 0;
}
