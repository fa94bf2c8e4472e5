# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl: one plain Makefile (STYLE.md habit 12).
#
#   make                      build build/fipsctl and the probe helpers
#   make check                every test tier that runs on this machine
#   make check SANITIZE=address,undefined
#   make CROSS=aarch64        cross build into build-aarch64/ (see below)
#   make vm-test              real kernels with fips=1 under QEMU (vm-tests/)
#   make install PREFIX=/usr DESTDIR=...
#   make clean
#
# Objects go to $(BUILD) (build/, or build-san/ with SANITIZE), never
# beside the sources.

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBEXECDIR  ?= $(PREFIX)/libexec/fipsctl
DATADIR     ?= $(PREFIX)/share/fipsctl
SYSCONFDIR  ?= /etc
DESTDIR     ?=

# Cross build for aarch64 into build-aarch64/:  make CROSS=aarch64 [SYSROOT=DIR]
# Debian's arm64 -dev packages cannot be installed beside the amd64 ones,
# so headers, libraries and .pc files come only from an unpacked arm64
# sysroot folder (tests/setup/50-arm64-sysroot.sh makes it); the result
# runs under qemu-aarch64 -L SYSROOT (tests/cross/) or in the aarch64 VM.
CROSS       ?=
DEPS_HINT   := tests/deps.sh
ifneq ($(CROSS),)
ifneq ($(CROSS),aarch64)
$(error CROSS=$(CROSS): only CROSS=aarch64 is supported)
endif
CROSS_TRIPLET := aarch64-linux-gnu
SYSROOT     ?= $(or $(FIPSCTL_CACHE),/var/cache/fipsctl-test)/arm64-sysroot
CC          := $(CROSS_TRIPLET)-gcc --sysroot=$(SYSROOT)
AR          := $(CROSS_TRIPLET)-ar
PKG_CONFIG  := env PKG_CONFIG_SYSROOT_DIR=$(SYSROOT) \
	       PKG_CONFIG_LIBDIR=$(SYSROOT)/usr/lib/$(CROSS_TRIPLET)/pkgconfig:$(SYSROOT)/usr/share/pkgconfig \
	       pkg-config
BUILD       ?= build-$(CROSS)
DEPS_HINT   := tests/setup/50-arm64-sysroot.sh
endif
CC          ?= cc
PKG_CONFIG  ?= pkg-config
SANITIZE    ?=
BUILD       ?= build$(if $(SANITIZE),-san)

# The parent links only what it needs to read files and print; every crypto
# library is loaded by its own probe helper (src/probe.h).  libuuid makes
# the OSCAL renderer's name-based UUIDs (src/uuid5.h).
CORE_PKGS   := json-c blkid uuid
PROBE_openssl_PKGS := libcrypto
PROBE_libgcrypt_PKGS := libgcrypt
PROBE_gnutls_PKGS  := gnutls
PROBE_nss_PKGS     := nss
# The rpmdb helper (checks/probe-rpmdb.c) reads the rpmdb and compares
# versions with librpm; librpmio links a crypto library, so only it does.
PROBE_rpmdb_PKGS   := rpm
# The evidence helper (checks/probe-evidence.c) hashes, signs and writes
# the bundle; libarchive links a crypto library too (src/evidence.h).
PROBE_evidence_PKGS := libcrypto libarchive
ALL_PKGS := $(CORE_PKGS) $(PROBE_evidence_PKGS) $(PROBE_openssl_PKGS) $(PROBE_libgcrypt_PKGS) \
	    $(PROBE_gnutls_PKGS) $(PROBE_nss_PKGS) $(PROBE_rpmdb_PKGS)

missing := $(strip $(foreach p,$(ALL_PKGS),$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p))))
ifneq ($(missing),)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(error pkg-config cannot find: $(missing). Run '$(DEPS_HINT)' to install the build dependencies)
endif
endif

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1))
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1))

WARNINGS := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wpointer-arith -Wvla -Wundef -Werror
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
ALL_CFLAGS := -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -fno-strict-aliasing \
	      -fstack-protector-strong -Isrc \
	      -DFC_LIBEXECDIR='"$(LIBEXECDIR)"' -DFC_DATADIR='"$(DATADIR)"' \
	      -DFC_SYSCONFDIR='"$(SYSCONFDIR)"' \
	      $(call pc_cflags,$(CORE_PKGS)) $(CFLAGS)
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=$(SANITIZE)
else
ALL_CFLAGS += -D_FORTIFY_SOURCE=2
endif
CORE_LIBS := $(call pc_libs,$(CORE_PKGS))

# --- sources ---------------------------------------------------------------
# Every src/ and checks/ file is part of the core library, except the
# program entry points and the probe implementations (checks/probe-*.c).
PROBES      := $(patsubst checks/probe-%.c,%,$(wildcard checks/probe-*.c))
CORE_SRCS   := $(filter-out src/main.c src/probe-child.c src/probe-module.c src/kat-probe.c,$(wildcard src/*.c)) \
	       $(filter-out $(wildcard checks/probe-*.c checks/selftest-*.c),$(wildcard checks/*.c))
CORE_OBJS   := $(CORE_SRCS:%.c=$(BUILD)/%.o)
# What a probe helper links besides its library: no parent-only code.
PROBE_CORE  := src/util.c src/report.c src/report-json.c src/sysroot.c src/probe-child.c \
	       src/probe-module.c
PROBE_CORE_OBJS := $(PROBE_CORE:%.c=$(BUILD)/%.o)
PROBE_BINS  := $(PROBES:%=$(BUILD)/probes/fipsctl-probe-%)
UNIT_SRCS   := $(wildcard tests/unit/test-*.c)
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS   := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_REPLAY := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%-replay)
TEST_LIBS   := $(wildcard tests/lib/*.c)
TEST_SHLIBS := $(TEST_LIBS:tests/lib/%.c=$(BUILD)/tests/lib/%.so)

all: $(BUILD)/fipsctl $(PROBE_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Probe implementations also need their library's headers.
define probe_rules
$(BUILD)/checks/probe-$(1).o: checks/probe-$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(call pc_cflags,$$(PROBE_$(1)_PKGS)) -MMD -MP -c -o $$@ $$<
$(BUILD)/checks/selftest-$(1).o: checks/selftest-$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(call pc_cflags,$$(PROBE_$(1)_PKGS)) -MMD -MP -c -o $$@ $$<
$(BUILD)/probes/fipsctl-probe-$(1): $(BUILD)/checks/probe-$(1).o $$(PROBE_CORE_OBJS) $$(PROBE_$(1)_OBJS:%.c=$(BUILD)/%.o) \
	$$(if $$(wildcard checks/selftest-$(1).c),$(BUILD)/checks/selftest-$(1).o $$(KAT_OBJS))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(call pc_libs,$$(PROBE_$(1)_PKGS)) $$(CORE_LIBS) $$(PROBE_$(1)_EXTRA_LIBS)
endef
PROBE_libgcrypt_EXTRA_LIBS := $(call pc_libs,gpg-error)
# The integrity HMAC of libgcrypt >= 1.10.1 is an ELF section.
PROBE_libgcrypt_OBJS := src/elf-section.c
PROBE_nss_EXTRA_LIBS := -ldl
# Core sources a helper needs beyond PROBE_CORE.
PROBE_rpmdb_OBJS := src/policy.c src/policy-set.c src/policy-match.c src/jsonpos.c
# src/evidence/ is the evidence helper's own code, never in the parent.
EV_HELPER_SRCS := $(wildcard src/evidence/*.c)
PROBE_evidence_OBJS := src/manifest.c $(EV_HELPER_SRCS)
$(EV_HELPER_SRCS:%.c=$(BUILD)/%.o): ALL_CFLAGS += $(call pc_cflags,$(PROBE_evidence_PKGS))

# --- the self-test core (issue 6, src/kat.h) --------------------------------
# A library's adapter, checks/selftest-<name>.c, joins its probe helper
# with the core and the vector table.  The table is generated, never
# written by hand: tools/kat-gen.c, built for the build machine (HOSTCC,
# also when cross-compiling), reads the public vectors with the same
# loader that serves --vectors and writes $(BUILD)/gen/kat-table.c.  The
# vectors sit beside the checkout (../shared/vectors, as CI clones them);
# VECTORS_DIR=DIR overrides.
VECTORS_DIR ?= $(abspath $(CURDIR)/../shared/vectors)
HOSTCC      ?= cc
HOST_PKG_CONFIG ?= pkg-config
KAT_GEN_SRCS := tools/kat-gen.c src/kat-load.c src/kat.c src/report.c src/util.c src/sysroot.c
KAT_OBJS    := $(BUILD)/src/kat.o $(BUILD)/src/kat-load.o $(BUILD)/src/kat-probe.o \
	       $(BUILD)/gen/kat-table.o
VECTOR_FILES := $(shell find $(VECTORS_DIR) -type f \( -name '*.json' -o -name '*.rsp' \) 2>/dev/null)
$(BUILD)/host/kat-gen: $(KAT_GEN_SRCS) src/kat.h src/kat-load.h src/report.h src/util.h src/sysroot.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -Isrc -O2 -g \
	  $(shell $(HOST_PKG_CONFIG) --cflags json-c) -o $@ $(KAT_GEN_SRCS) \
	  $(shell $(HOST_PKG_CONFIG) --libs json-c)
$(BUILD)/gen/kat-table.c: $(BUILD)/host/kat-gen $(VECTOR_FILES)
	@if [ ! -d "$(VECTORS_DIR)" ]; then \
	  echo "error: the known-answer vectors are not at $(VECTORS_DIR)" >&2; \
	  echo "  (shared/vectors beside the checkout; set VECTORS_DIR=DIR to use another copy)" >&2; \
	  exit 1; fi
	@mkdir -p $(@D)
	@echo "  KATGEN $(VECTORS_DIR)"; $(BUILD)/host/kat-gen $(VECTORS_DIR) $@
$(BUILD)/gen/kat-table.o: $(BUILD)/gen/kat-table.c src/kat.h
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -c -o $@ $<

$(foreach p,$(PROBES),$(eval $(call probe_rules,$(p))))

# The installation paths are compiled in (where fipsctl finds its probe
# helpers and tables): the objects that use them are rebuilt when
# PREFIX, LIBEXECDIR, DATADIR or SYSCONFDIR change, so that
# 'make install PREFIX=/usr' never installs a binary built for another one.
PATHS_STAMP := $(BUILD)/.paths-$(shell printf '%s|%s|%s' '$(LIBEXECDIR)' '$(DATADIR)' '$(SYSCONFDIR)' | cksum | cut -d' ' -f1)
$(PATHS_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/.paths-*
	@touch $@
$(BUILD)/src/probe.o $(BUILD)/src/policy-set.o $(BUILD)/src/cmd-policy.o: $(PATHS_STAMP)

$(BUILD)/libfipsctl.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/fipsctl: $(BUILD)/src/main.o $(BUILD)/libfipsctl.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfipsctl.a tests/unit/harness.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UNIT_$*_CFLAGS) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< $(BUILD)/libfipsctl.a $(CORE_LIBS) $(UNIT_$*_LIBS)
# Unit tests that need a library the parent does not link: the matching
# rules are tested with rpm's own comparison (src/rpm-evr.h).
UNIT_test-policy_CFLAGS := $(call pc_cflags,rpm)
UNIT_test-policy_LIBS := $(call pc_libs,rpm)
UNIT_test-validated_CFLAGS := -Ichecks
# fc_rpmvercmp (used in the parent to order boot entries) checked against
# rpm's own rpmvercmp.
UNIT_test-vercmp_CFLAGS := $(call pc_cflags,rpm)
UNIT_test-vercmp_LIBS := $(call pc_libs,rpm)

# When run from $(BUILD), fipsctl reads the source tree's policies/.
$(BUILD)/src/policy-set.o: ALL_CFLAGS += -DFC_SRCDIR='"$(CURDIR)"' \
	-DFC_BUILDDIR='"$(abspath $(BUILD))"'

# Test-only shared objects (fault injection shims); never installed.
$(BUILD)/tests/lib/%.so: tests/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fPIC -shared -o $@ $< -ldl

# Fuzz targets: with gcc they build as corpus-replay programs that
# 'make check' runs; 'make fuzz' builds libFuzzer binaries with clang.
$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libfipsctl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(FUZZ_$*_OBJS:%.c=$(BUILD)/%.o) $(BUILD)/libfipsctl.a $(CORE_LIBS) $(FUZZ_$*_LIBS)
# The bundle reader is the evidence helper's code (src/evidence/): its
# target links that and the helper's libraries too.
FUZZ_fuzz-bundle_OBJS := $(EV_HELPER_SRCS)
FUZZ_fuzz-bundle_LIBS := $(call pc_libs,$(PROBE_evidence_PKGS))
$(BUILD)/fuzz/fuzz-bundle-replay: $(EV_HELPER_SRCS:%.c=$(BUILD)/%.o)

# 'make fuzz': the core library again with clang and the fuzzer
# instrumentation (in build-fuzz/), then each target linked with libFuzzer.
# Run one (new inputs go to the first directory: keep it out of the tree):
#   mkdir -p /tmp/corpus && build-fuzz/fuzz/fuzz-cmdline /tmp/corpus tests/fuzz/corpus/fuzz-cmdline
FUZZ_CC ?= clang
fuzz:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) SANITIZE=fuzzer-no-link,address,undefined build-fuzz/libfipsctl.a \
	  $(EV_HELPER_SRCS:%.c=build-fuzz/%.o)
	@mkdir -p build-fuzz/fuzz
	@for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); echo "  FUZZ $$n"; \
	  extra=; [ $$n != fuzz-bundle ] || extra="$(EV_HELPER_SRCS:%.c=build-fuzz/%.o) $(FUZZ_fuzz-bundle_LIBS)"; \
	  $(FUZZ_CC) $(filter-out -fsanitize=% -D_FORTIFY_SOURCE=2,$(ALL_CFLAGS)) \
	    -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz/$$n $$f \
	    build-fuzz/libfipsctl.a $(CORE_LIBS) $$extra || exit 1; done

tests: $(UNIT_BINS) $(FUZZ_REPLAY) $(TEST_SHLIBS)

check: all tests
	BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run-tests.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)/policies
	install -m 0755 $(BUILD)/fipsctl $(DESTDIR)$(BINDIR)/fipsctl
	for p in $(PROBE_BINS); do install -m 0755 $$p $(DESTDIR)$(LIBEXECDIR)/; done
	for f in $(wildcard policies/*.json); do install -m 0644 $$f $(DESTDIR)$(DATADIR)/policies/; done

clean:
	rm -rf build build-san build-fuzz build-aarch64

# Wall time of fipsctl check next to its floor and openssl list -providers;
# the self-test core per algorithm and next to the libraries' own self-tests,
# on x86_64 and (emulated) aarch64.
bench: all
	BUILD=$(BUILD) tests/bench/check-time.sh
	BUILD=$(BUILD) tests/bench/selftest-bench.sh

# Every validated-module table in its stable text form, committed as
# tests/policy-snapshot.txt: a table change shows up as a reviewable diff,
# and tests/policy/test-snapshot.sh fails until the snapshot is renewed.
policy-snapshot: $(BUILD)/fipsctl
	FIPSCTL=$(BUILD)/fipsctl tests/policy/snapshot.sh > tests/policy-snapshot.txt.tmp
	mv tests/policy-snapshot.txt.tmp tests/policy-snapshot.txt

# Boot Debian 12's x86_64 and arm64 kernels under QEMU (TCG) with fips=1
# and run fipsctl inside (vm-tests/suite; needs the caches of
# tests/setup.sh, made on demand); builds the aarch64 side into
# $(BUILD)-aarch64 with CROSS=aarch64.  Ends with "N passed, N failed, N skipped".
vm-test: all
	BUILD=$(BUILD) XBUILD=$(BUILD)-aarch64 vm-tests/suite

.PHONY: all check tests install clean fuzz bench policy-snapshot vm-test
.DELETE_ON_ERROR:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
