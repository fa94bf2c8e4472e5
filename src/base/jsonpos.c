// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/jsonpos.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* json-c refuses deeper nesting by default (JSON_TOKENER_DEFAULT_DEPTH
 * is 32); this pass only ever sees text json-c accepted. */
#define JPOS_MAX_DEPTH 64

struct scan {
	const char *s;
	size_t len, i;
	unsigned line, col;
	struct fc_jpos *out;
	struct fc_buf path; /* of the value being scanned: grows and shrinks */
	size_t cap;	    /* of out->v */
};

static void advance(struct scan *sc)
{
	unsigned char c = (unsigned char)sc->s[sc->i++];
	if (c == '\n') {
		sc->line++;
		sc->col = 1;
	} else if ((c & 0xc0) != 0x80) {
		/* continuation bytes belong to the previous character */
		sc->col++;
	}
}

static void skip_ws(struct scan *sc)
{
	while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]) &&
	       sc->s[sc->i])
		advance(sc);
}

static bool at(const struct scan *sc, char c)
{
	return sc->i < sc->len && sc->s[sc->i] == c;
}

/* Remember the first problem and fail. */
static int bad(struct scan *sc, const char *what)
{
	if (!sc->out->err_what) {
		sc->out->err_off = sc->i;
		sc->out->err_what = what;
	}
	return -EBADMSG;
}

static void add_entry(struct scan *sc, unsigned line, unsigned col,
		      unsigned kline, unsigned kcol)
{
	struct fc_jpos *p = sc->out;
	if (p->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		p->v = fc_realloc(p->v, sc->cap * sizeof(*p->v));
	}
	p->v[p->n++] = (struct fc_jpos_entry){
		.path = fc_strndup(sc->path.data ? sc->path.data : "",
				   sc->path.len),
		.line = line,
		.col = col,
		.kline = kline,
		.kcol = kcol,
	};
}

/* The path of a member or item: appended to sc->path, cut back after. */
static void path_push_key(struct scan *sc, const char *key, size_t n)
{
	if (sc->path.len)
		fc_buf_add(&sc->path, ".", 1);
	fc_buf_add(&sc->path, key, n);
}

static void path_push_item(struct scan *sc, size_t idx)
{
	char d[FC_DEC_MAX];
	size_t n;
	const char *digits = fc_dec(d, idx, &n);
	fc_buf_add(&sc->path, "[", 1);
	fc_buf_add(&sc->path, digits, n);
	fc_buf_add(&sc->path, "]", 1);
}

static void path_cut(struct scan *sc, size_t len)
{
	sc->path.len = len;
	if (sc->path.data)
		sc->path.data[len] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int read_u4(struct scan *sc, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		if (sc->i >= sc->len)
			return bad(sc, "unterminated \\u escape");
		int h = hexval(sc->s[sc->i]);
		if (h < 0)
			return bad(sc, "invalid \\u escape");
		v = v * 16 + (unsigned)h;
		advance(sc);
	}
	*out = v;
	return 0;
}

static void put_utf8(struct fc_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	fc_buf_add(b, u, n);
}

/* A string at sc->i (on the opening quote); decoded into *out when out. */
static int scan_string(struct scan *sc, struct fc_buf *out)
{
	if (at(sc, '\''))
		return bad(sc, "strings must be in double quotes");
	if (!at(sc, '"'))
		return bad(sc, "a string in double quotes expected");
	advance(sc);
	while (sc->i < sc->len) {
		/* A run of plain characters, copied at once. */
		size_t run = sc->i;
		while (sc->i < sc->len && sc->s[sc->i] != '"' &&
		       sc->s[sc->i] != '\\' &&
		       (unsigned char)sc->s[sc->i] >= 0x20) {
			/* no newline here: only the column moves */
			if (((unsigned char)sc->s[sc->i] & 0xc0) != 0x80)
				sc->col++;
			sc->i++;
		}
		if (out && sc->i > run)
			fc_buf_add(out, sc->s + run, sc->i - run);
		if (sc->i >= sc->len)
			break;
		char c = sc->s[sc->i];
		if (c == '"') {
			advance(sc);
			if (out)
				fc_buf_add(out, "", 0);
			return 0;
		}
		if ((unsigned char)c < 0x20)
			return bad(sc, "control character in a string");
		advance(sc);
		if (sc->i >= sc->len)
			break;
		char e = sc->s[sc->i];
		advance(sc);
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *k = e ? strchr(from, e) : NULL;
		if (k) {
			if (out)
				fc_buf_add(out, &to[k - from], 1);
			continue;
		}
		if (e != 'u')
			return bad(sc, "invalid escape in a string");
		unsigned cp;
		if (read_u4(sc, &cp) < 0)
			return -EBADMSG;
		/* A high surrogate followed by a low one is one character. */
		if (cp >= 0xd800 && cp < 0xdc00 && sc->i + 1 < sc->len &&
		    sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u') {
			advance(sc);
			advance(sc);
			unsigned lo;
			if (read_u4(sc, &lo) < 0)
				return -EBADMSG;
			if (lo >= 0xdc00 && lo < 0xe000)
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
		}
		if (out)
			put_utf8(out, cp);
	}
	return bad(sc, "unterminated string");
}

static int scan_value(struct scan *sc, unsigned kline, unsigned kcol,
		      int depth);

struct seen_key {
	char *key;
	unsigned line, col;
};

static int scan_object(struct scan *sc, int depth)
{
	size_t base = sc->path.len;
	struct seen_key *seen = NULL;
	size_t n_seen = 0;
	int r = 0;
	advance(sc); /* { */
	skip_ws(sc);
	if (at(sc, '}')) {
		advance(sc);
		return 0;
	}
	for (;;) {
		skip_ws(sc);
		unsigned kl = sc->line, kc = sc->col;
		struct fc_buf key = { 0 };
		r = scan_string(sc, &key);
		if (r < 0) {
			fc_buf_free(&key);
			break;
		}
		path_cut(sc, base);
		path_push_key(sc, key.data, key.len);
		for (size_t k = 0; k < n_seen; k++) {
			if (!fc_streq(seen[k].key, key.data))
				continue;
			struct fc_jpos *p = sc->out;
			p->dups = fc_realloc(p->dups,
					     (p->n_dups + 1) * sizeof(*p->dups));
			p->dups[p->n_dups++] = (struct fc_jpos_dup){
				.path = fc_strdup(sc->path.data),
				.line = kl,
				.col = kc,
				.fline = seen[k].line,
				.fcol = seen[k].col,
			};
			break;
		}
		seen = fc_realloc(seen, (n_seen + 1) * sizeof(*seen));
		seen[n_seen++] = (struct seen_key){ fc_buf_steal(&key), kl, kc };
		skip_ws(sc);
		if (!at(sc, ':')) {
			r = bad(sc, "':' expected");
			break;
		}
		advance(sc);
		r = scan_value(sc, kl, kc, depth + 1);
		if (r < 0)
			break;
		skip_ws(sc);
		if (at(sc, ',')) {
			advance(sc);
			continue;
		}
		if (at(sc, '}')) {
			advance(sc);
			break;
		}
		r = bad(sc, "',' or '}' expected");
		break;
	}
	for (size_t k = 0; k < n_seen; k++)
		free(seen[k].key);
	free(seen);
	path_cut(sc, base);
	return r;
}

static int scan_array(struct scan *sc, int depth)
{
	size_t base = sc->path.len;
	advance(sc); /* [ */
	skip_ws(sc);
	if (at(sc, ']')) {
		advance(sc);
		return 0;
	}
	int r;
	for (size_t idx = 0;; idx++) {
		path_cut(sc, base);
		path_push_item(sc, idx);
		r = scan_value(sc, 0, 0, depth + 1);
		if (r < 0)
			break;
		skip_ws(sc);
		if (at(sc, ',')) {
			advance(sc);
			continue;
		}
		if (at(sc, ']')) {
			advance(sc);
			break;
		}
		r = bad(sc, "',' or ']' expected");
		break;
	}
	path_cut(sc, base);
	return r;
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool is_number(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return false;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return false;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return false;
	}
	return i == n;
}

static int scan_value(struct scan *sc, unsigned kline, unsigned kcol,
		      int depth)
{
	if (depth > JPOS_MAX_DEPTH)
		return bad(sc, "nested too deeply");
	skip_ws(sc);
	if (sc->i >= sc->len)
		return bad(sc, "a value expected");
	add_entry(sc, sc->line, sc->col, kline, kcol);
	switch (sc->s[sc->i]) {
	case '{':
		return scan_object(sc, depth);
	case '[':
		return scan_array(sc, depth);
	case '"':
		return scan_string(sc, NULL);
	default: {
		/* number, true, false, null: up to the next delimiter */
		struct scan at_start = *sc;
		size_t start = sc->i;
		while (sc->i < sc->len && sc->s[sc->i] &&
		       !strchr(",]} \t\r\n", sc->s[sc->i]))
			advance(sc);
		size_t n = sc->i - start;
		const char *w = sc->s + start;
		if ((n == 4 && !memcmp(w, "true", 4)) ||
		    (n == 5 && !memcmp(w, "false", 5)) ||
		    (n == 4 && !memcmp(w, "null", 4)) || is_number(w, n))
			return 0;
		*sc = at_start;
		return bad(sc, "invalid literal (a number, true, false or "
			       "null expected)");
	}
	}
}

static uint32_t path_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Every path to its entry, the last one of a path winning (json-c keeps
 * the last of repeated keys too): open addressing, entry index + 1. */
static void build_hash(struct fc_jpos *p)
{
	size_t cap = 16;
	while (cap < 2 * p->n)
		cap *= 2;
	p->hash = fc_calloc(cap, sizeof(*p->hash));
	p->hash_cap = cap;
	for (size_t i = 0; i < p->n; i++) {
		size_t k = path_hash(p->v[i].path) & (cap - 1);
		while (p->hash[k] && !fc_streq(p->v[p->hash[k] - 1].path,
					       p->v[i].path))
			k = (k + 1) & (cap - 1);
		p->hash[k] = i + 1;
	}
}

int fc_jpos_index(const char *text, size_t len, struct fc_jpos *out)
{
	struct scan sc = { .s = text, .len = len, .line = 1, .col = 1,
			   .out = out };
	*out = (struct fc_jpos){ 0 };
	int r = scan_value(&sc, 0, 0, 0);
	fc_buf_free(&sc.path);
	if (r == 0) {
		skip_ws(&sc);
		if (sc.i < len)
			r = bad(&sc, "text after the JSON value");
	}
	build_hash(out);
	return r;
}

void fc_jpos_free(struct fc_jpos *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].path);
	for (size_t i = 0; i < p->n_dups; i++)
		free(p->dups[i].path);
	free(p->v);
	free(p->dups);
	free(p->hash);
	*p = (struct fc_jpos){ 0 };
}

static const struct fc_jpos_entry *lookup(const struct fc_jpos *p,
					  const char *path)
{
	if (!p->hash)
		return NULL;
	size_t k = path_hash(path) & (p->hash_cap - 1);
	for (; p->hash[k]; k = (k + 1) & (p->hash_cap - 1))
		if (fc_streq(p->v[p->hash[k] - 1].path, path))
			return &p->v[p->hash[k] - 1];
	return NULL;
}

void fc_jpos_find(const struct fc_jpos *p, const char *path, bool key,
		  unsigned *line, unsigned *col)
{
	_cleanup_free_ char *cur = fc_strdup(path ? path : "");
	for (;;) {
		const struct fc_jpos_entry *e = lookup(p, cur);
		if (e) {
			bool use_key = key && e->kline;
			*line = use_key ? e->kline : e->line;
			*col = use_key ? e->kcol : e->col;
			return;
		}
		if (!*cur)
			break;
		/* Climb to the parent: cut at the last '.' or '['. */
		char *cut = NULL;
		for (char *c = cur; *c; c++)
			if (*c == '.' || *c == '[')
				cut = c;
		if (cut)
			*cut = '\0';
		else
			*cur = '\0';
		key = false;
	}
	*line = 1;
	*col = 1;
}

void fc_text_linecol(const char *text, size_t len, size_t off, unsigned *line,
		     unsigned *col)
{
	struct scan sc = { .s = text, .len = len, .line = 1, .col = 1 };
	if (off > len)
		off = len;
	while (sc.i < off)
		advance(&sc);
	*line = sc.line;
	*col = sc.col;
}
