// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The architecture of a root that is not the running system.  It chooses
 * the validated-module tables, so an offline image must not be "unknown":
 * in order, the kernel's own /proc/sys/kernel/arch (Linux 5.19 and later;
 * EL9's 5.14 kernels lack it), the running kernel release's suffix
 * (".x86_64", as EL kernels name themselves), the architecture of the
 * kernel-core package in the root's rpmdb (read by the rpmdb helper, as
 * every rpmdb read is), and the ELF header of the root's C library.  The
 * report names the source used (host.arch_source).
 */
#include "engine/hostarch.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "engine/probe.h"
#include "parse/elf-arch.h"
#include "policy/policy.h"

/* Architectures an EL kernel release ends in (uname -r). */
static const char *const release_arches[] = { "x86_64", "aarch64", "ppc64le",
					      "s390x",  "i686",	   "ppc64" };

static char *from_release(const char *release)
{
	const char *dot = release ? strrchr(release, '.') : NULL;
	for (size_t i = 0; dot && i < FC_ARRAY_SIZE(release_arches); i++)
		if (fc_streq(dot + 1, release_arches[i]))
			return fc_strdup(release_arches[i]);
	return NULL;
}

/* The rpmdb helper's answer for validated.rpmdb, without a table: the
 * installed kernel-core packages, "package.N" facts (policy.h). */
static char *from_rpmdb(struct fc_root *root, char **pkg)
{
	const struct fc_check *c = fc_check_find("validated.rpmdb");
	if (!c || !c->probe)
		return NULL;
	struct fc_report *scratch = fc_report_new();
	struct fc_ctx ctx = { .root = root, .report = scratch };
	struct fc_probe_set *set = NULL;
	char *arch = NULL;
	if (fc_probes_start(&ctx, &c, 1, &set) == 0 &&
	    fc_probes_finish(&ctx, set) == 0) {
		const struct fc_finding *f = fc_report_find(scratch, c->id);
		for (size_t i = 0; f && f->status == FC_STATUS_PASS &&
				   i < f->n_facts && !arch;
		     i++) {
			struct fc_installed_pkg p;
			if (!fc_startswith(f->facts[i].key, "package.") ||
			    fc_installed_pkg_parse(f->facts[i].value, &p) < 0)
				continue;
			if (p.module == FC_MODULE_KERNEL && p.arch &&
			    !fc_streq(p.arch, "noarch")) {
				arch = fc_strdup(p.arch);
				*pkg = fc_strdup(p.nevra);
			}
			fc_installed_pkg_clear(&p);
		}
	}
	fc_ctx_done(&ctx);
	fc_report_free(scratch);
	return arch;
}

/* Where EL and Debian keep the C library. */
static const char *const libc_paths[] = {
	"/usr/lib64/libc.so.6",
	"/lib64/libc.so.6",
	"/usr/lib/x86_64-linux-gnu/libc.so.6",
	"/usr/lib/aarch64-linux-gnu/libc.so.6",
	"/usr/lib/libc.so.6",
	"/lib/libc.so.6",
};

static char *from_libc(const struct fc_root *root, const char **path)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(libc_paths); i++) {
		_cleanup_close_ int fd = fc_root_open(root, libc_paths[i],
						      O_RDONLY);
		if (fd < 0)
			continue;
		unsigned char hdr[FC_ELF_ARCH_HEADER];
		ssize_t n = pread(fd, hdr, sizeof(hdr), 0);
		const char *why = NULL;
		const char *arch = n > 0 ? fc_elf_arch(hdr, (size_t)n, &why)
					 : NULL;
		if (arch) {
			*path = libc_paths[i];
			return fc_strdup(arch);
		}
	}
	return NULL;
}

void fc_host_arch_fill(struct fc_host *h, struct fc_root *root)
{
	if (h->arch) {
		h->arch_source = fc_strdup("/proc/sys/kernel/arch");
		return;
	}
	h->arch = from_release(h->kernel_release);
	if (h->arch) {
		h->arch_source = fc_asprintf("kernel release %s",
					     h->kernel_release);
		return;
	}
	_cleanup_free_ char *pkg = NULL;
	h->arch = from_rpmdb(root, &pkg);
	if (h->arch) {
		h->arch_source = fc_asprintf("rpmdb: %s", pkg);
		return;
	}
	const char *lib = NULL;
	h->arch = from_libc(root, &lib);
	if (h->arch)
		h->arch_source = fc_asprintf("ELF header of %s", lib);
}
