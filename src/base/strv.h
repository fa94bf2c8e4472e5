/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * String vectors: the NULL-terminated char ** that argv, the probe
 * helpers' options and struct fields such as "char **arches; size_t
 * n_arches" use, grown one item at a time with its length kept beside it.
 *
 * An owning vector holds heap strings in a heap array: fc_strv_add() takes
 * the string over and fc_strv_free() releases both.  A borrowing vector
 * (const char **) holds pointers owned elsewhere, such as argv's:
 * fc_strv_push() adds one and only the array is freed.  Either is
 * NULL-terminated once anything was added; an empty one may be NULL.
 */
#ifndef FC_STRV_H
#define FC_STRV_H

#include <stdbool.h>
#include <stddef.h>

/* --- owning --------------------------------------------------------------- */

/* Append s (a heap string the vector takes over). */
void fc_strv_add(char ***v, size_t *n, char *s);
/* Append s unless an equal string is there (then s is freed); true when
 * it was added. */
bool fc_strv_add_unique(char ***v, size_t *n, char *s);
/* Copies of the items of s between sep characters, empty items dropped;
 * never NULL (an empty vector when s has no item). */
char **fc_strv_split(const char *s, char sep, size_t *n);
/* Sort the n items (strcmp order), so that a listing does not depend on
 * the order a directory was read in. */
void fc_strv_sort(char **v, size_t n);
/* Free every string, then the array; NULL is an empty vector. */
void fc_strv_free(char **v);

/* Is s one of the items of the NULL-terminated v (NULL: none)? */
bool fc_strv_contains(char *const *v, const char *s);
/* The n items joined with sep ("" when there is none; caller frees). */
char *fc_strv_join(char *const *v, size_t n, const char *sep);

/* --- borrowing ------------------------------------------------------------ */

/* Append s (not copied). */
void fc_strv_push(const char ***v, size_t *n, const char *s);
/* The same for each item of a comma-separated option value, split in
 * place: "--only a,b" and "--only a --only b" mean the same. */
void fc_strv_push_list(const char ***v, size_t *n, char *arg);

#endif
