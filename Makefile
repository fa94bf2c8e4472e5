# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl: one plain Makefile (docs/style.md habit 12).
#
#   make                      build build/fipsctl and the probe helpers
#   make check                every test tier that runs on this machine
#   make check SANITIZE=address,undefined
#   make CROSS=aarch64        cross build into build-aarch64/ (see below)
#   make vm-test              real kernels with fips=1 under QEMU (vm-tests/)
#   make install PREFIX=/usr DESTDIR=...
#   make uninstall PREFIX=/usr DESTDIR=...
#   make dist                 fipsctl-VERSION.tar.gz, reproducible
#   make distcheck            build, test and install that tarball
#   make clean
#
# Objects go to $(BUILD) (build/, or build-san/ with SANITIZE), never
# beside the sources.

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBEXECDIR  ?= $(PREFIX)/libexec/fipsctl
DATADIR     ?= $(PREFIX)/share/fipsctl
SYSCONFDIR  ?= /etc
MANDIR      ?= $(PREFIX)/share/man
DOCDIR      ?= $(PREFIX)/share/doc/fipsctl
# Where bash-completion looks for completions: its pkg-config
# completionsdir, or the usual place under PREFIX without the .pc file.
BASHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
# systemd looks in /usr/local/lib/systemd/system too (systemd.unit(5)).
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
DESTDIR     ?=

# The one version source: src/core/version.h.
VERSION     := $(shell sed -n 's/^\#define FC_VERSION "\(.*\)"$$/\1/p' src/core/version.h)

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
# library is loaded by its own helper program (helpers/, src/engine/probe.h).
# libuuid makes the OSCAL renderer's name-based UUIDs (src/base/uuid5.h).
CORE_PKGS   := json-c blkid uuid
# What each helper links besides the core, by its folder under helpers/.
HELPER_openssl_PKGS   := libcrypto
HELPER_libgcrypt_PKGS := libgcrypt gpg-error
HELPER_gnutls_PKGS    := gnutls
HELPER_nss_PKGS       := nss
# The rpmdb helper reads the rpmdb and compares versions with librpm;
# librpmio links a crypto library, so only it does.
HELPER_rpmdb_PKGS     := rpm
# The evidence helper hashes, signs and writes the bundle; libarchive
# links a crypto library too (src/parse/manifest.h).
HELPER_evidence_PKGS  := libcrypto libarchive
ALL_PKGS := $(CORE_PKGS) $(HELPER_evidence_PKGS) $(HELPER_openssl_PKGS) $(HELPER_libgcrypt_PKGS) \
	    $(HELPER_gnutls_PKGS) $(HELPER_nss_PKGS) $(HELPER_rpmdb_PKGS)

# Goals that compile nothing need none of the libraries.
NOBUILD_GOALS := clean dist uninstall print-installdirs
missing := $(strip $(foreach p,$(ALL_PKGS),$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p))))
ifneq ($(missing),)
ifneq ($(if $(MAKECMDGOALS),$(filter-out $(NOBUILD_GOALS),$(MAKECMDGOALS)),all),)
$(error pkg-config cannot find: $(missing). Run '$(DEPS_HINT)' to install the build dependencies)
endif
endif

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1))
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1))

# WERROR= turns warnings back into warnings: for distribution builds
# (fipsctl.spec), whose newer compilers and flags must not fail a release.
WERROR   ?= -Werror
WARNINGS := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wpointer-arith -Wvla -Wundef $(WERROR)
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
else ifeq ($(findstring _FORTIFY_SOURCE,$(CFLAGS)),)
# Distribution flags (rpm's %{build_cflags}) choose their own level.
ALL_CFLAGS += -D_FORTIFY_SOURCE=2
endif
CORE_LIBS := $(call pc_libs,$(CORE_PKGS))

# --- sources ---------------------------------------------------------------
# The process boundary is the folder boundary (HACKING.md):
#   src/<layer>/*.c, checks/*.c  the parent's code, in build/libfipsctl.a;
#                                src/main.c is its entry point
#   helpers/<name>/*.c           one helper program each, fipsctl-probe-<name>,
#                                linked with its own library only
#   helpers/common/*.c           the child side every helper shares
LIB_SRCS    := $(wildcard src/*/*.c checks/*.c)
LIB_OBJS    := $(LIB_SRCS:%.c=$(BUILD)/%.o)
HELPERS     := $(filter-out common,$(notdir $(wildcard helpers/*)))
HELPER_COMMON_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard helpers/common/*.c)) \
	       $(BUILD)/gen/kat-table.o
PROBE_BINS  := $(HELPERS:%=$(BUILD)/probes/fipsctl-probe-%)
UNIT_SRCS   := $(wildcard tests/unit/test-*.c)
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS   := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_REPLAY := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%-replay)
TEST_LIBS   := $(wildcard tests/lib/*.c)
TEST_SHLIBS := $(TEST_LIBS:tests/lib/%.c=$(BUILD)/tests/lib/%.so)

all: $(BUILD)/fipsctl $(PROBE_BINS) man

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# A helper's objects see its library's headers and helpers/common.
$(BUILD)/helpers/common/%.o: ALL_CFLAGS += -Ihelpers/common
define helper_rules
$(BUILD)/helpers/$(1)/%.o: ALL_CFLAGS += -Ihelpers/common $$(call pc_cflags,$$(HELPER_$(1)_PKGS))
$(BUILD)/probes/fipsctl-probe-$(1): $$(patsubst %.c,$(BUILD)/%.o,$$(wildcard helpers/$(1)/*.c)) \
		$(BUILD)/libhelper-common.a $(BUILD)/libfipsctl.a
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(call pc_libs,$$(HELPER_$(1)_PKGS)) $$(CORE_LIBS) $$(HELPER_$(1)_EXTRA_LIBS)
endef
HELPER_nss_EXTRA_LIBS := -ldl
$(foreach h,$(HELPERS),$(eval $(call helper_rules,$(h))))

# The child side every helper shares, as an archive: a helper links only
# the parts it calls (the self-test runner and its vector table only where
# a library adapter uses them).
$(BUILD)/libhelper-common.a: $(HELPER_COMMON_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# --- the self-test core (src/kat/kat.h) -------------------------------------
# A library's adapter, helpers/<name>/selftest.c, joins its helper with the
# core and the vector table.  The table is generated, never written by
# hand: tools/kat-gen.c, built for the build machine (HOSTCC, also when
# cross-compiling), reads the public vectors with the same loader that
# serves --vectors and writes $(BUILD)/gen/kat-table.c.  The vectors are
# in the tree, data/vectors (its README says where each file comes from);
# VECTORS_DIR=DIR overrides.
VECTORS_DIR ?= data/vectors
HOSTCC      ?= cc
HOST_PKG_CONFIG ?= pkg-config
KAT_GEN_SRCS := tools/kat-gen.c $(wildcard src/kat/kat-load*.c) src/kat/kat.c src/kat/kat-encoding.c \
	       src/base/util.c src/core/sysroot.c
VECTOR_FILES := $(shell find $(VECTORS_DIR) -type f \( -name '*.json' -o -name '*.rsp' \) 2>/dev/null)
$(BUILD)/host/kat-gen: $(KAT_GEN_SRCS) $(wildcard src/kat/*.h src/core/*.h src/base/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -Isrc -O2 -g \
	  $(shell $(HOST_PKG_CONFIG) --cflags json-c) -o $@ $(KAT_GEN_SRCS) \
	  $(shell $(HOST_PKG_CONFIG) --libs json-c)
$(BUILD)/gen/kat-table.c: $(BUILD)/host/kat-gen $(VECTOR_FILES)
	@if [ ! -d "$(VECTORS_DIR)" ]; then \
	  echo "error: the known-answer vectors are not at $(VECTORS_DIR)" >&2; \
	  echo "  (data/vectors in the source tree; set VECTORS_DIR=DIR to use another copy)" >&2; \
	  exit 1; fi
	@mkdir -p $(@D)
	@echo "  KATGEN $(VECTORS_DIR)"; $(BUILD)/host/kat-gen $(VECTORS_DIR) $@
$(BUILD)/gen/kat-table.o: $(BUILD)/gen/kat-table.c src/kat/kat.h
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -c -o $@ $<

# The installation paths are compiled in (where fipsctl finds its probe
# helpers and tables): the objects that use them are rebuilt when
# PREFIX, LIBEXECDIR, DATADIR or SYSCONFDIR change, so that
# 'make install PREFIX=/usr' never installs a binary built for another one.
PATHS_STAMP := $(BUILD)/.paths-$(shell printf '%s|%s|%s' '$(LIBEXECDIR)' '$(DATADIR)' '$(SYSCONFDIR)' | cksum | cut -d' ' -f1)
$(PATHS_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/.paths-*
	@touch $@
$(BUILD)/src/engine/probe.o $(BUILD)/src/policy/policy-set.o $(BUILD)/src/cli/cmd-policy.o: $(PATHS_STAMP)

$(BUILD)/libfipsctl.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/fipsctl: $(BUILD)/src/main.o $(BUILD)/libfipsctl.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfipsctl.a tests/unit/harness.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UNIT_$*_CFLAGS) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< $(UNIT_$*_OBJS) $(BUILD)/libfipsctl.a $(CORE_LIBS) $(UNIT_$*_LIBS)
# Unit tests that need a library the parent does not link: the matching
# rules are tested with rpm's own comparison (helpers/rpmdb/rpm-evr.h).
UNIT_test-policy-match_CFLAGS := -Ihelpers/rpmdb $(call pc_cflags,rpm)
UNIT_test-policy-match_LIBS := $(call pc_libs,rpm)
UNIT_test-validated_CFLAGS := -Ichecks
# Unit tests of a helper's code link that helper's objects (UNIT_*_OBJS);
# the OpenSSL provider's state is decided without libcrypto.
UNIT_test-provider-state_CFLAGS := -Ihelpers/openssl
UNIT_test-provider-state_OBJS := $(BUILD)/helpers/openssl/provider-state.o
$(BUILD)/tests/test-provider-state: $(UNIT_test-provider-state_OBJS)
# The helpers' shared child side (helpers/common/), on the lower layers
# as the helpers link it.
UNIT_test-probe-module_CFLAGS := -Ihelpers/common
UNIT_test-probe-module_OBJS := $(BUILD)/helpers/common/probe-module.o \
	$(BUILD)/helpers/common/probe-child.o
$(BUILD)/tests/test-probe-module: $(UNIT_test-probe-module_OBJS)
# fc_rpmvercmp (used in the parent to order boot entries) checked against
# rpm's own rpmvercmp.
UNIT_test-vercmp_CFLAGS := -Ihelpers/rpmdb $(call pc_cflags,rpm)
UNIT_test-vercmp_LIBS := $(call pc_libs,rpm)

# When run from $(BUILD), fipsctl reads the source tree's policies/.
$(BUILD)/src/policy/policy-set.o: ALL_CFLAGS += -DFC_SRCDIR='"$(CURDIR)"' \
	-DFC_BUILDDIR='"$(abspath $(BUILD))"'

# Test-only shared objects (fault injection shims); never installed.
$(BUILD)/tests/lib/%.so: tests/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fPIC -shared -o $@ $< -ldl

# Fuzz targets: with gcc they build as corpus-replay programs that
# 'make check' runs; 'make fuzz-build' builds libFuzzer binaries with clang.
$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libfipsctl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(FUZZ_$*_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(FUZZ_$*_OBJS:%.c=$(BUILD)/%.o) $(BUILD)/libfipsctl.a $(CORE_LIBS) $(FUZZ_$*_LIBS)
# The bundle reader is the evidence helper's code (helpers/evidence/): its
# target links that and the helper's libraries too.
EV_HELPER_SRCS := $(filter-out helpers/evidence/main.c,$(wildcard helpers/evidence/*.c))
FUZZ_fuzz-bundle_CFLAGS := -Ihelpers/evidence
FUZZ_fuzz-bundle_OBJS := $(EV_HELPER_SRCS)
FUZZ_fuzz-bundle_LIBS := $(call pc_libs,$(HELPER_evidence_PKGS))
$(BUILD)/fuzz/fuzz-bundle-replay: $(EV_HELPER_SRCS:%.c=$(BUILD)/%.o)

# 'make fuzz-build': the core library again with clang and the fuzzer
# instrumentation (in build-fuzz/), then each target linked with libFuzzer.
# Run one by hand (new inputs go to the first directory: keep it out of the
# tree):
#   mkdir -p /tmp/corpus && build-fuzz/fuzz/fuzz-cmdline /tmp/corpus tests/fuzz/corpus/fuzz-cmdline
FUZZ_CC ?= clang
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/%.c=%)
fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) SANITIZE=fuzzer-no-link,address,undefined build-fuzz/libfipsctl.a \
	  $(EV_HELPER_SRCS:%.c=build-fuzz/%.o)
	@mkdir -p build-fuzz/fuzz
	@for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); echo "  FUZZ $$n"; \
	  objs=; libs=; [ $$n != fuzz-bundle ] || { objs="$(EV_HELPER_SRCS:%.c=build-fuzz/%.o)"; libs="$(FUZZ_fuzz-bundle_LIBS)"; }; \
	  $(FUZZ_CC) $(filter-out -fsanitize=% -D_FORTIFY_SOURCE=2,$(ALL_CFLAGS)) \
	    -fsanitize=fuzzer,address,undefined -Ihelpers/evidence -o build-fuzz/fuzz/$$n $$f \
	    $$objs build-fuzz/libfipsctl.a $(CORE_LIBS) $$libs || exit 1; done

# 'make fuzz-smoke' (CI): every target for FUZZ_SECONDS each, from a scratch
# copy of its corpus, so a crash near the seeds fails the build; libFuzzer
# leaves the crashing input in build-fuzz/ (crash-*) to become a corpus file.
FUZZ_SECONDS ?= 10
fuzz-smoke: fuzz-build
	@for n in $(FUZZ_NAMES); do echo "  FUZZ-SMOKE $$n ($(FUZZ_SECONDS) s)"; \
	  rm -rf build-fuzz/corpus/$$n && mkdir -p build-fuzz/corpus/$$n && \
	  (cd build-fuzz && ./fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    corpus/$$n ../tests/fuzz/corpus/$$n > corpus/$$n.log 2>&1) || \
	  { tail -40 build-fuzz/corpus/$$n.log; exit 1; }; \
	  grep -h '^stat::number_of_executed_units' build-fuzz/corpus/$$n.log; done

# 'make fuzz' (long; 'make -j2 fuzz' runs two targets at once): every target
# for FUZZ_RUNS executions (1,000,000 unless told), growing a corpus that is
# kept between runs in build-fuzz/long/<target>/ (out of the tree), then
# prints executions, coverage (edges: cov, features: ft), corpus size and the
# slowest input per target (tools/fuzz-summary.sh, also in
# build-fuzz/long/summary.txt).  A crash stops its target with the input in
# build-fuzz/long/crash-*: make it a corpus file and fix the code.
FUZZ_RUNS ?= 1000000
fuzz: $(FUZZ_NAMES:%=fuzz-long-%)
	@tools/fuzz-summary.sh build-fuzz/long $(FUZZ_NAMES) | tee build-fuzz/long/summary.txt
fuzz-long-%: fuzz-build
	@mkdir -p build-fuzz/long/$*
	@echo "  FUZZ-LONG $* ($(FUZZ_RUNS) runs)"
	@cd build-fuzz/long && ../fuzz/$* -runs=$(FUZZ_RUNS) -print_final_stats=1 -artifact_prefix=./ \
	  $* ../../tests/fuzz/corpus/$* > $*.log 2>&1 || { tail -40 $*.log; exit 1; }

tests: $(UNIT_BINS) $(FUZZ_REPLAY) $(TEST_SHLIBS)

# FIPSCTL_DATADIR: the tables' directory compiled into this build, which
# reports name (the fixture cases' goldens show it as @DATADIR@).
check: all tests
	BUILD=$(BUILD) SANITIZE=$(SANITIZE) FIPSCTL_DATADIR=$(DATADIR) tests/run-tests.sh

# --- manual pages ----------------------------------------------------------
# mdoc sources in man/; make writes the installation paths into them, so a
# page names the files this build really uses (tests/integration/test-man.sh
# lints them and keeps their options in step with --help).
MAN_SRCS  := $(wildcard man/*.in)
MAN_PAGES := $(MAN_SRCS:man/%.in=$(BUILD)/man/%)
MAN_SUBST := -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	     -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'
MAN_STAMP := $(BUILD)/man/.paths-$(shell printf '%s' "$(MAN_SUBST)" | cksum | cut -d' ' -f1)
$(MAN_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/man/.paths-*
	@touch $@
$(BUILD)/man/%: man/%.in $(MAN_STAMP)
	@echo "  MAN $@"; sed $(MAN_SUBST) $< > $@
man: $(MAN_PAGES)

# --- install ---------------------------------------------------------------
# What is installed (tests/dist/installed-files lists every file):
# the program, its helpers, the tables, the site table directory, the
# manual pages, the bash completion, the user documentation, and the
# systemd units with the tmpfiles.d entry for their state folders.
DOC_FILES := README.md $(wildcard docs/*.md docs/*.json)
POLICY_FILES := $(wildcard policies/*.json)
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)/policies \
	  $(DESTDIR)$(SYSCONFDIR)/fipsctl/policies.d $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(DOCDIR)/docs
	install -m 0755 $(BUILD)/fipsctl $(DESTDIR)$(BINDIR)/fipsctl
	install -m 0755 $(PROBE_BINS) $(DESTDIR)$(LIBEXECDIR)/
	install -m 0644 $(POLICY_FILES) $(DESTDIR)$(DATADIR)/policies/
	install -m 0644 $(filter %.5,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 $(filter %.8,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 completion/fipsctl.bash $(DESTDIR)$(BASHCOMPDIR)/fipsctl
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/
	install -m 0644 $(filter docs/%,$(DOC_FILES)) $(DESTDIR)$(DOCDIR)/docs/
	install -d $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(TMPFILESDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' contrib/systemd/fipsctl-check.service.in > $(DESTDIR)$(SYSTEMDUNITDIR)/fipsctl-check.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/fipsctl-check.service
	install -m 0644 contrib/systemd/fipsctl-check.timer $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 0644 contrib/systemd/fipsctl.tmpfiles $(DESTDIR)$(TMPFILESDIR)/fipsctl.conf

# The installation directories, as VAR=value lines (tests/dist/).
print-installdirs:
	@printf '%s\n' 'BINDIR=$(BINDIR)' 'LIBEXECDIR=$(LIBEXECDIR)' 'DATADIR=$(DATADIR)' \
	  'SYSCONFDIR=$(SYSCONFDIR)' 'MANDIR=$(MANDIR)' 'DOCDIR=$(DOCDIR)' 'BASHCOMPDIR=$(BASHCOMPDIR)' \
	  'SYSTEMDUNITDIR=$(SYSTEMDUNITDIR)' 'TMPFILESDIR=$(TMPFILESDIR)'

# Removes what install installed (the systemd units: stop and disable
# them first), and fipsctl's own directories when they
# are empty: site tables in policies.d/ are the administrator's and stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fipsctl \
	  $(addprefix $(DESTDIR)$(LIBEXECDIR)/,$(notdir $(PROBE_BINS))) \
	  $(addprefix $(DESTDIR)$(DATADIR)/policies/,$(notdir $(POLICY_FILES))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MAN_PAGES)))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(filter %.8,$(MAN_PAGES)))) \
	  $(DESTDIR)$(BASHCOMPDIR)/fipsctl \
	  $(DESTDIR)$(SYSTEMDUNITDIR)/fipsctl-check.service $(DESTDIR)$(SYSTEMDUNITDIR)/fipsctl-check.timer \
	  $(DESTDIR)$(TMPFILESDIR)/fipsctl.conf \
	  $(addprefix $(DESTDIR)$(DOCDIR)/,$(DOC_FILES))
	@for d in $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)/policies $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(SYSCONFDIR)/fipsctl/policies.d $(DESTDIR)$(SYSCONFDIR)/fipsctl \
	  $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR); do \
	  [ ! -d "$$d" ] || rmdir --ignore-fail-on-non-empty "$$d" || exit 1; done

# --- release tarball ---------------------------------------------------------
# The tracked files needed to build, test and install (tools/dist.sh says
# which are left out), and fipsctl.spec made from fipsctl.spec.in, as
# fipsctl-VERSION.tar.gz: sorted, owned by root, dated by the last commit,
# gzip without a name or time, so that the same tree gives the same bytes.
# distcheck builds that tarball in a scratch folder, runs the unit and
# fixture tiers, installs, compares the installed files with
# tests/dist/installed-files and uninstalls (tools/distcheck.sh).
DIST_TARBALL ?= fipsctl-$(VERSION).tar.gz
dist:
	tools/dist.sh $(DIST_TARBALL)

distcheck: dist
	+tools/distcheck.sh $(DIST_TARBALL)

clean:
	rm -rf build build-san build-fuzz build-aarch64

# Wall time of fipsctl check next to its floor and openssl list -providers;
# the self-test core per algorithm and next to the libraries' own self-tests,
# on x86_64 and (emulated) aarch64; evidence summarize over 100,000 small
# bundles.
# The direct-API baseline of the self-test core (tests/bench/ossl-baseline.c).
$(BUILD)/bench/ossl-baseline: tests/bench/ossl-baseline.c tests/bench/baseline.h $(BUILD)/gen/kat-table.o $(BUILD)/libfipsctl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(call pc_cflags,libcrypto) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(call pc_libs,libcrypto) $(CORE_LIBS)

# The same for libgcrypt (tests/bench/gcry-baseline.c).
$(BUILD)/bench/gcry-baseline: tests/bench/gcry-baseline.c tests/bench/baseline.h $(BUILD)/gen/kat-table.o $(BUILD)/libfipsctl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(call pc_cflags,libgcrypt) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(call pc_libs,libgcrypt) $(CORE_LIBS)

bench: all $(BUILD)/tests/lib/peak-rss.so $(BUILD)/bench/ossl-baseline $(BUILD)/bench/gcry-baseline
	BUILD=$(BUILD) tests/bench/check-time.sh
	BUILD=$(BUILD) tests/bench/selftest-bench.sh
	BUILD=$(BUILD) tests/bench/evidence-summarize.sh

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

.PHONY: all man check tests install uninstall print-installdirs dist distcheck clean fuzz fuzz-build fuzz-smoke bench \
	policy-snapshot vm-test
.DELETE_ON_ERROR:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
