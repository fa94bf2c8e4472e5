/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers shared by every part of fipsctl: attributes, cleanup
 * handlers for foreign types, allocation that never returns NULL, and a
 * growable string buffer.
 *
 * Error convention (docs/style.md habit 3): functions return 0 (or a count) on
 * success and -errno on failure.  Allocation failure is the one exception:
 * it ends the process with exit code 3 through fc_oom(), because there is
 * no useful way for an audit tool to continue without memory.
 */
#ifndef FC_UTIL_H
#define FC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <dirent.h>

#define FC_WUR __attribute__((warn_unused_result))
#define FC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define FC_NORETURN __attribute__((noreturn))
#define FC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Cleanup helpers: release on one path (docs/style.md habit 6). */
static inline void fc_freep(void *p)
{
	free(*(void **)p);
}
static inline void fc_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
static inline void fc_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
static inline void fc_closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}
#define _cleanup_free_ __attribute__((cleanup(fc_freep)))
#define _cleanup_fclose_ __attribute__((cleanup(fc_fclosep)))
#define _cleanup_close_ __attribute__((cleanup(fc_closep)))
#define _cleanup_closedir_ __attribute__((cleanup(fc_closedirp)))

/* Hand a pointer out of a cleanup scope. */
#define FC_TAKE(p)                                                             \
	({                                                                     \
		__typeof__(p) fc_take_tmp_ = (p);                              \
		(p) = NULL;                                                    \
		fc_take_tmp_;                                                  \
	})

FC_NORETURN void fc_oom(void);
void *fc_malloc(size_t n);
void *fc_calloc(size_t n, size_t size);
void *fc_realloc(void *p, size_t n);
char *fc_strdup(const char *s);
char *fc_strndup(const char *s, size_t n);
char *fc_asprintf(const char *fmt, ...) FC_PRINTF(1, 2);
char *fc_vasprintf(const char *fmt, va_list ap) FC_PRINTF(1, 0);

/* Growable, always NUL-terminated byte buffer. */
/* v in decimal, written at the end of d without a terminator: returns
 * where the digits start, their count in *len (no printf: for paths
 * made per value of a document, see src/base/jsonpos.c). */
#define FC_DEC_MAX 24
const char *fc_dec(char d[FC_DEC_MAX], size_t v, size_t *len);

struct fc_buf {
	char *data;
	size_t len;
	size_t cap;
};
void fc_buf_add(struct fc_buf *b, const void *p, size_t n);
void fc_buf_adds(struct fc_buf *b, const char *s);
void fc_buf_addf(struct fc_buf *b, const char *fmt, ...) FC_PRINTF(2, 3);
void fc_buf_free(struct fc_buf *b);
char *fc_buf_steal(struct fc_buf *b);

/*
 * Where and why a line-based parser rejected its input (it returned
 * -EBADMSG): line is 1-based, what a static phrase such as "bad escape".
 */
struct fc_parse_err {
	unsigned line;
	const char *what;
};

/* The line-based parsers' walk over text[0..len): the line at *pos as
 * *start and its length *n (without the '\n'), *pos moved past it; false
 * at the end of the text. */
bool fc_next_line(const char *text, size_t len, size_t *pos,
		  const char **start, size_t *n);

bool fc_streq(const char *a, const char *b);
bool fc_startswith(const char *s, const char *prefix);
/* Trim ASCII white space at both ends, in place; returns s. */
char *fc_strstrip(char *s);
/* Make a value safe to show on one line: control characters become '?'. */
char *fc_printable(const char *s, size_t maxlen);

/* Write all of buf to fd, retrying on EINTR and short writes. */
int fc_write_all(int fd, const void *buf, size_t len) FC_WUR;

/* A reader of a file's bytes at an offset, for parsers that take only
 * what they need of a large file: exactly n bytes at off; 0 or -errno. */
typedef int (*fc_read_at_fn)(void *opaque, uint64_t off, void *buf, size_t n);
/* The reader of a file descriptor (opaque: an int *), with pread: -EIO
 * when the file ends before n bytes (it shrank under us). */
int fc_pread_at(void *opaque, uint64_t off, void *buf, size_t n) FC_WUR;

/* Monotonic clock in nanoseconds. */
unsigned long long fc_now_ns(void);

#endif
