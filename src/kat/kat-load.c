// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading vectors from files and directories: the entry points of
 * src/kat/kat-load.h.  A file's format is chosen here (the name for a
 * CAVP .rsp, the content for Wycheproof and ACVP JSON, the ACVP file
 * names for a vector set's directory); the formats themselves are read
 * by kat-load-wycheproof.c, kat-load-acvp.c and kat-load-cavp.c.
 */
#include "kat/kat-load-fmt.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/sysroot.h"

int fc_kat_load_text(struct fc_kat_set *set, const char *name,
		     const char *text, size_t len, char **err)
{
	struct fc_kat_ld l = { .set = set,
			       .src = fc_kat_ld_name(set, name),
			       .err = err };
	if (fc_startswith(name + (strlen(name) > 4 ? strlen(name) - 4 : 0),
			  ".rsp"))
		return fc_kat_load_rsp(&l, text, len);
	struct json_object *top;
	if (fc_kat_parse_json(&l, text, len, &top) < 0)
		return -EBADMSG;
	int r;
	if (!json_object_is_type(top, json_type_object) ||
	    !fc_kat_jget(top, "testGroups"))
		r = fc_kat_ld_fail(&l, 0, 0,
				   "not a vector file: no 'testGroups' "
				   "(Wycheproof or ACVP JSON)");
	else if (fc_kat_is_acvp(top))
		/* One document as both prompt and answer: the fuzz target's
		 * and a merged (internalProjection-style) file's case. */
		r = fc_kat_load_acvp(&l, top, top, NULL);
	else
		r = fc_kat_load_wycheproof(&l, top);
	json_object_put(top);
	return r;
}

/* Vector files are fipsctl's input, never the audited tree. */
static int read_file(const char *path, char **text, size_t *len)
{
	return fc_read_input(path, FC_KAT_FILE_MAX, text, len);
}

static int file_error(char **err, const char *shown, int r)
{
	if (err && !*err)
		*err = fc_asprintf("%s: %s", shown,
				   r == -EFBIG ? "larger than 64 MiB; refused"
					       : strerror(-r));
	return r;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? fc_strndup(path, (size_t)(slash - path)) : fc_strdup(".");
}

/* An ACVP vector set: the directory of prompt.json. */
static int load_acvp_dir(struct fc_kat_set *set, const char *dir,
			 const char *shown, char **err)
{
	static const char *const files[] = { "prompt.json", "expectedResults.json",
					     "internalProjection.json" };
	struct json_object *doc[3] = { NULL, NULL, NULL };
	struct fc_kat_ld l = { .set = set,
			       .src = fc_kat_ld_name(set, shown),
			       .err = err };
	int r = 0;
	for (size_t i = 0; i < 3 && r == 0; i++) {
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dir, files[i]);
		_cleanup_free_ char *text = NULL;
		size_t len = 0;
		r = read_file(p, &text, &len);
		if (r == -ENOENT && i == 2) {
			r = 0;
			break;
		}
		_cleanup_free_ char *sh = fc_asprintf("%s/%s", shown, files[i]);
		if (r < 0) {
			r = file_error(err, sh, r);
			break;
		}
		struct fc_kat_ld fl = { .set = set,
					.err = err,
					.src = fc_kat_ld_name(set, sh) };
		r = fc_kat_parse_json(&fl, text, len, &doc[i]);
		if (r == 0 && !json_object_is_type(doc[i], json_type_object))
			r = fc_kat_ld_fail(&fl, 0, 0, "not a JSON object");
	}
	if (r == 0)
		r = fc_kat_load_acvp(&l, doc[0], doc[1], doc[2]);
	for (size_t i = 0; i < 3; i++)
		json_object_put(doc[i]);
	return r;
}

static bool is_acvp_name(const char *base)
{
	return fc_streq(base, "prompt.json") ||
	       fc_streq(base, "expectedResults.json") ||
	       fc_streq(base, "internalProjection.json");
}

static int load_file(struct fc_kat_set *set, const char *path,
		     const char *shown, char **err)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (is_acvp_name(base)) {
		_cleanup_free_ char *dir = dir_of(path), *sdir = dir_of(shown);
		return load_acvp_dir(set, dir, sdir, err);
	}
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = read_file(path, &text, &len);
	if (r < 0)
		return file_error(err, shown, r);
	return fc_kat_load_text(set, shown, text, len, err);
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int load_dir(struct fc_kat_set *set, const char *dir, const char *shown,
		    unsigned depth, char **err, size_t *found)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, name_cmp);
	if (n < 0)
		return file_error(err, shown, -errno);
	int r = 0;
	bool acvp_done = false;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (r < 0 || nm[0] == '.') {
			free(ents[i]);
			continue;
		}
		_cleanup_free_ char *p = fc_asprintf("%s/%s", dir, nm);
		_cleanup_free_ char *sh = shown[0] ? fc_asprintf("%s/%s", shown, nm)
						   : fc_strdup(nm);
		struct stat st;
		size_t nl = strlen(nm);
		if (stat(p, &st) < 0) {
			r = file_error(err, sh, -errno);
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < FC_KAT_DIR_DEPTH)
				r = load_dir(set, p, sh, depth + 1, err, found);
		} else if (is_acvp_name(nm)) {
			if (!acvp_done) {
				acvp_done = true;
				(*found)++;
				r = load_acvp_dir(set, dir, shown, err);
			}
		} else if ((nl > 5 && fc_streq(nm + nl - 5, ".json")) ||
			   (nl > 4 && fc_streq(nm + nl - 4, ".rsp"))) {
			(*found)++;
			r = load_file(set, p, sh, err);
		}
		free(ents[i]);
	}
	free(ents);
	return r;
}

int fc_kat_load_path(struct fc_kat_set *set, const char *path,
		     const char *display_base, char **err)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return file_error(err, path, -errno);
	const char *shown = display_base ? display_base : path;
	if (!S_ISDIR(st.st_mode))
		return load_file(set, path, shown, err);
	size_t found = 0;
	int r = load_dir(set, path, display_base ? display_base : path, 0, err,
			 &found);
	if (r == 0 && found == 0) {
		if (err && !*err)
			*err = fc_asprintf("%s: no vector files (*.json, "
					   "ACVP prompt.json, *.rsp)", shown);
		return -ENOENT;
	}
	return r;
}
