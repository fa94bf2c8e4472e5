# SPDX-License-Identifier: GPL-2.0-or-later
# fipsctl: one plain Makefile (STYLE.md habit 12).
#
#   make                      build build/fipsctl and the probe helpers
#   make check                every test tier that runs on this machine
#   make check SANITIZE=address,undefined
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

CC          ?= cc
PKG_CONFIG  ?= pkg-config
SANITIZE    ?=
BUILD       ?= build$(if $(SANITIZE),-san)

# The parent links only what it needs to read files and print; every crypto
# library is loaded by its own probe helper (src/probe.h).
CORE_PKGS   := json-c blkid
PROBE_openssl_PKGS := libcrypto
PROBE_gcrypt_PKGS  := libgcrypt
PROBE_gnutls_PKGS  := gnutls
PROBE_nss_PKGS     := nss
ALL_PKGS := $(CORE_PKGS) $(PROBE_openssl_PKGS) $(PROBE_gcrypt_PKGS) \
	    $(PROBE_gnutls_PKGS) $(PROBE_nss_PKGS)

missing := $(strip $(foreach p,$(ALL_PKGS),$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p))))
ifneq ($(missing),)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(error pkg-config cannot find: $(missing). Run 'tests/deps.sh' to install the build dependencies)
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
CORE_SRCS   := $(filter-out src/main.c src/probe-child.c,$(wildcard src/*.c)) \
	       $(filter-out $(wildcard checks/probe-*.c),$(wildcard checks/*.c))
CORE_OBJS   := $(CORE_SRCS:%.c=$(BUILD)/%.o)
# What a probe helper links besides its library: no parent-only code.
PROBE_CORE  := src/util.c src/report.c src/report-json.c src/sysroot.c src/probe-child.c
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
$(BUILD)/probes/fipsctl-probe-$(1): $(BUILD)/checks/probe-$(1).o $$(PROBE_CORE_OBJS)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(call pc_libs,$$(PROBE_$(1)_PKGS)) $$(CORE_LIBS) $$(PROBE_$(1)_EXTRA_LIBS)
endef
PROBE_gcrypt_EXTRA_LIBS := $(call pc_libs,gpg-error)
PROBE_nss_EXTRA_LIBS := -ldl
$(foreach p,$(PROBES),$(eval $(call probe_rules,$(p))))

$(BUILD)/libfipsctl.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/fipsctl: $(BUILD)/src/main.o $(BUILD)/libfipsctl.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfipsctl.a tests/unit/harness.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< $(BUILD)/libfipsctl.a $(CORE_LIBS)

# Test-only shared objects (fault injection shims); never installed.
$(BUILD)/tests/lib/%.so: tests/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -fsanitize=%,$(ALL_CFLAGS)) -fPIC -shared -o $@ $< -ldl

# Fuzz targets: with gcc they build as corpus-replay programs that
# 'make check' runs; 'make fuzz' builds libFuzzer binaries with clang.
$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libfipsctl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libfipsctl.a $(CORE_LIBS)

FUZZ_CC ?= clang
fuzz: $(FUZZ_SRCS)
	@mkdir -p $(BUILD)/fuzz
	@for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); \
	  echo "  FUZZ $$n"; \
	  $(FUZZ_CC) -std=gnu11 -g -O1 -D_GNU_SOURCE -Isrc $(call pc_cflags,$(CORE_PKGS)) \
	    -DFC_LIBEXECDIR='"$(LIBEXECDIR)"' -DFC_DATADIR='"$(DATADIR)"' -DFC_SYSCONFDIR='"$(SYSCONFDIR)"' \
	    -fsanitize=fuzzer,address,undefined -o $(BUILD)/fuzz/$$n $$f $(CORE_SRCS) $(CORE_LIBS) || exit 1; \
	done

tests: $(UNIT_BINS) $(FUZZ_REPLAY) $(TEST_SHLIBS)

check: all tests
	BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run-tests.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)/policies
	install -m 0755 $(BUILD)/fipsctl $(DESTDIR)$(BINDIR)/fipsctl
	for p in $(PROBE_BINS); do install -m 0755 $$p $(DESTDIR)$(LIBEXECDIR)/; done
	for f in $(wildcard policies/*.json); do install -m 0644 $$f $(DESTDIR)$(DATADIR)/policies/; done

clean:
	rm -rf build build-san

.PHONY: all check tests install clean fuzz
.DELETE_ON_ERROR:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
