// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

void fc_oom(void)
{
	static const char msg[] = "fipsctl: out of memory\n";
	/* Best effort: nothing else can be done when even this fails. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

void *fc_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fc_oom();
	return p;
}

void *fc_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fc_oom();
	return p;
}

void *fc_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fc_oom();
	return q;
}

char *fc_strdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		fc_oom();
	return p;
}

char *fc_strndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		fc_oom();
	return p;
}

char *fc_vasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		fc_oom();
	return s;
}

char *fc_asprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void buf_reserve(struct fc_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			fc_oom();
		cap *= 2;
	}
	b->data = fc_realloc(b->data, cap);
	b->cap = cap;
}

const char *fc_dec(char d[FC_DEC_MAX], size_t v, size_t *len)
{
	size_t k = FC_DEC_MAX;
	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	*len = FC_DEC_MAX - k;
	return d + k;
}

void fc_buf_add(struct fc_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void fc_buf_adds(struct fc_buf *b, const char *s)
{
	fc_buf_add(b, s, strlen(s));
}

void fc_buf_addf(struct fc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	fc_buf_adds(b, s);
}

void fc_buf_free(struct fc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *fc_buf_steal(struct fc_buf *b)
{
	if (!b->data)
		return fc_strdup("");
	char *p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

bool fc_streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool fc_startswith(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

char *fc_strstrip(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

char *fc_printable(const char *s, size_t maxlen)
{
	size_t n = strnlen(s, maxlen);
	bool cut = s[n] != '\0';
	char *out = fc_malloc(n + 4);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (cut) {
		memcpy(out + n, "...", 4);
	} else {
		out[n] = '\0';
	}
	return out;
}

int fc_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

unsigned long long fc_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL +
	       (unsigned long long)ts.tv_nsec;
}

bool fc_next_line(const char *text, size_t len, size_t *pos,
		  const char **start, size_t *n)
{
	if (*pos >= len)
		return false;
	*start = text + *pos;
	const char *nl = memchr(*start, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *start) : len - *pos;
	*pos += *n + (nl ? 1 : 0);
	return true;
}

int fc_pread_at(void *opaque, uint64_t off, void *buf, size_t n)
{
	int fd = *(int *)opaque;
	size_t done = 0;
	while (done < n) {
		ssize_t k = pread(fd, (char *)buf + done, n - done,
				  (off_t)(off + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			return -EIO;
		done += (size_t)k;
	}
	return 0;
}
