// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON for the vector readers: one parse that says where the text stops
 * being JSON, and typed access to members whose errors name the file and
 * the test group and case (src/kat/kat-load-fmt.h).
 */
#include "kat/kat-load-fmt.h"

#include <errno.h>
#include <string.h>

int fc_kat_parse_json(struct fc_kat_ld *l, const char *text, size_t len,
		      struct json_object **out)
{
	struct json_tokener *tok = json_tokener_new_ex(64);
	if (!tok)
		fc_oom();
	*out = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error je = json_tokener_get_error(tok);
	size_t off = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (*out && je == json_tokener_success && off == len)
		return 0;
	if (*out && je == json_tokener_success) {
		/* Only white space may follow the value. */
		size_t k = off;
		while (k < len && strchr(" \t\r\n", text[k]))
			k++;
		if (k == len)
			return 0;
		je = json_tokener_error_parse_unexpected;
		off = k;
	}
	json_object_put(*out);
	*out = NULL;
	unsigned line = 1;
	for (size_t i = 0; i < off && i < len; i++)
		line += text[i] == '\n';
	return fc_kat_ld_fail(l, 0, 0, "line %u: not valid JSON (%s)", line,
			      je == json_tokener_continue
				      ? "unexpected end of file"
				      : json_tokener_error_desc(je));
}

struct json_object *fc_kat_jget(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

struct json_object *fc_kat_jarray(struct json_object *o, const char *key)
{
	struct json_object *v = fc_kat_jget(o, key);
	return v && json_object_is_type(v, json_type_array) ? v : NULL;
}

const char *fc_kat_jstr(struct json_object *o, const char *key, bool *bad)
{
	struct json_object *v = fc_kat_jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return NULL;
	if (!json_object_is_type(v, json_type_string)) {
		*bad = true;
		return NULL;
	}
	return json_object_get_string(v);
}

int fc_kat_jstr_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, uint32_t tg, uint32_t tc,
		    const char **out)
{
	bool bad = false;
	*out = fc_kat_jstr(o, key, &bad);
	if (!*out)
		return fc_kat_ld_fail(l, tg, tc, "'%s' %s", key,
				      bad ? "is not a string" : "is missing");
	return 0;
}

int fc_kat_jint(struct fc_kat_ld *l, struct json_object *o, const char *key,
		uint32_t tg, uint32_t tc, uint32_t *out)
{
	struct json_object *v = fc_kat_jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return fc_kat_ld_fail(l, tg, tc, "'%s' is not an integer", key);
	int64_t x = json_object_get_int64(v);
	if (x < 0 || x > (int64_t)UINT32_MAX)
		return fc_kat_ld_fail(l, tg, tc, "'%s' is out of range (%lld)",
				      key, (long long)x);
	*out = (uint32_t)x;
	return 1;
}

int fc_kat_jint_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, uint32_t tg, uint32_t tc, uint32_t *out)
{
	int r = fc_kat_jint(l, o, key, tg, tc, out);
	if (r == 0)
		return fc_kat_ld_fail(l, tg, tc, "'%s' is missing", key);
	return r < 0 ? r : 0;
}

int fc_kat_jbool(struct fc_kat_ld *l, struct json_object *o, const char *key,
		 uint32_t tg, uint32_t tc, bool *out)
{
	struct json_object *v = fc_kat_jget(o, key);
	if (!v || json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return fc_kat_ld_fail(l, tg, tc, "'%s' is not true or false",
				      key);
	*out = json_object_get_boolean(v);
	return 1;
}

int fc_kat_jhex(struct fc_kat_ld *l, struct json_object *o, const char *key,
		enum fc_kat_fid id, uint32_t tg, uint32_t tc)
{
	bool bad = false;
	const char *s = fc_kat_jstr(o, key, &bad);
	if (bad)
		return fc_kat_ld_fail(l, tg, tc, "'%s' is not a string", key);
	if (!s)
		return 0;
	uint8_t *b;
	size_t n;
	if (fc_kat_unhex(s, &b, &n) < 0)
		return fc_kat_ld_fail(l, tg, tc, "'%s' is not a hex string",
				      key);
	fc_kat_ld_add(l, id, fc_kat_ld_own(l->set, b), n);
	return 1;
}

int fc_kat_jhex_req(struct fc_kat_ld *l, struct json_object *o,
		    const char *key, enum fc_kat_fid id, uint32_t tg,
		    uint32_t tc)
{
	int r = fc_kat_jhex(l, o, key, id, tg, tc);
	if (r == 0)
		return fc_kat_ld_fail(l, tg, tc, "'%s' is missing", key);
	return r < 0 ? r : 0;
}

int fc_kat_jhex_either(struct fc_kat_ld *l, struct json_object *first,
		       struct json_object *second, const char *key,
		       enum fc_kat_fid id, uint32_t tg, uint32_t tc)
{
	int r = fc_kat_jhex(l, first, key, id, tg, tc);
	if (r == 0)
		r = fc_kat_jhex_req(l, second, key, id, tg, tc);
	return r;
}
