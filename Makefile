# artools - see README.md.  GNU make.
#
#   make              build every command into build/bin
#   make check        build with ASan+UBSan into build/san and run every test
#   make demo         build, then run examples/nightly.sh, match.sh, dunning.sh, pod.sh,
#                     ctos.sh, month-end.sh, agency.sh, soa.sh, recon.sh, remit.sh
#                     and refund.sh
#   make bench        benchmarks against pandas, Miller, sqlite3, awk, DuckDB
#   make fuzz         build the libFuzzer targets (clang) and run each briefly
#   make lint         the layer rule of lib/ (mk/layers.sh), mandoc -Tlint on the man pages
#   make install      PREFIX=/usr/local DESTDIR=
#
# SANITIZE=address,undefined adds sanitizers; V=1 shows the commands.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
TEMPLATEDIR ?= $(PREFIX)/share/artools/templates
BUILD     ?= build
CC        ?= cc
CFLAGS    ?= -O2 -g
SANITIZE  ?=
FUZZ_SECONDS ?= 10

CSV_CFLAGS ?=
CSV_LIBS   ?= -lcsv
INI_CFLAGS ?= -I/usr/include/iniparser
INI_LIBS   ?= -liniparser
XLSX_CFLAGS ?= $(shell pkg-config --cflags xlsxwriter 2>/dev/null)
XLSX_LIBS   ?= $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)
UTF8PROC_CFLAGS ?= $(shell pkg-config --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS   ?= $(shell pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc)
# Letters (cairo + pango, PDF) and e-mail (GMime 3): issue 14.
DOC_CFLAGS ?= $(shell pkg-config --cflags pangocairo gmime-3.0 2>/dev/null)
DOC_LIBS   ?= $(shell pkg-config --libs pangocairo gmime-3.0 2>/dev/null)
# The pain.001 payment file of ar-refund (libxml2's xmlwriter): issue 19.
XML_CFLAGS ?= $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
XML_LIBS   ?= $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)

WARNFLAGS = -std=c17 -Wall -Wextra -Wpedantic
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	-DAR_TEMPLATES_DIR='"$(TEMPLATEDIR)"' \
	$(CSV_CFLAGS) $(INI_CFLAGS) $(XLSX_CFLAGS) $(UTF8PROC_CFLAGS) $(DOC_CFLAGS) $(XML_CFLAGS) $(CPPFLAGS)
SANFLAGS = $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
ALL_CFLAGS = $(WARNFLAGS) -pthread $(CFLAGS) $(SANFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = -pthread $(SANFLAGS) $(LDFLAGS)
EXPAT_LIBS ?= -lexpat
LIBS = $(CSV_LIBS) $(INI_LIBS) $(XLSX_LIBS) $(UTF8PROC_LIBS) $(EXPAT_LIBS) $(DOC_LIBS) $(XML_LIBS) -lm

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC   = $(wildcard lib/*/*.c)
LIB_OBJ   = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
LIBAR     = $(BUILD)/lib/libar.a
CMD_SRC   = $(wildcard cmd/ar-*.c)
BINS      = $(CMD_SRC:cmd/%.c=$(BUILD)/bin/%)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  = $(wildcard tests/fuzz/fuzz_*.c)
MANS      = $(wildcard man/*.[1-8])

# Header dependencies from the compiler: a change to core/money.h rebuilds
# what includes it, and only that.
DEPFLAGS  = -MMD -MP

# The flags a build was made with: when they change (CFLAGS, SANITIZE, CC),
# $(BUILD)/FLAGS changes and everything is rebuilt (git's GIT-CFLAGS).
BUILD_FLAGS = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS)
FLAGS_FILE  = $(BUILD)/FLAGS

.DELETE_ON_ERROR:
.PHONY: all unit check demo bench fuzz fuzz-build fuzz-targets lint install clean deps FORCE

all: $(BINS)

$(FLAGS_FILE): FORCE
	@mkdir -p $(@D)
	@echo '$(subst ','\'',$(BUILD_FLAGS))' >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(BUILD)/lib/%.o: lib/%.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIBAR): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/bin/%: cmd/%.c $(LIBAR) $(FLAGS_FILE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -o $@ $< $(LIBAR) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBAR) $(FLAGS_FILE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -o $@ $< $(LIBAR) $(ALL_LDFLAGS) $(LIBS)

-include $(wildcard $(BUILD)/lib/*/*.d $(BUILD)/bin/*.d $(BUILD)/tests/*.d $(BUILD)/fuzz/*.d)

unit: $(UNIT_BINS)

deps:
	$(Q)sh mk/deps.sh build

# The test suite always runs on a sanitized build of its own.
check:
	$(Q)sh mk/deps.sh check
	$(Q)$(MAKE) --no-print-directory BUILD=build/san SANITIZE=address,undefined \
		CFLAGS="-O1 -g" all unit
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)BUILD=build/san FUZZ_BUILD=build/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/run.sh

demo:
	$(Q)sh mk/deps.sh build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-24} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/nightly.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-25} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/match.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/match"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-24} AR_TEMPLATES=$${AR_TEMPLATES:-$(CURDIR)/templates} \
		PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/dunning.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/dunning"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-24} AR_TEMPLATES=$${AR_TEMPLATES:-$(CURDIR)/templates} \
		PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/pod.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/pod"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-30} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" \
		sh examples/ctos.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/ctos"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-30} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" \
		sh examples/month-end.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/month-end"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-30} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" \
		sh examples/agency.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/agency" \
		"$(CURDIR)/demo-out/match"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-30} AR_TEMPLATES=$${AR_TEMPLATES:-$(CURDIR)/templates} \
		PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/soa.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/soa"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-24} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" \
		sh examples/recon.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/recon" "$(CURDIR)/demo-out/match"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-25} AR_TEMPLATES=$${AR_TEMPLATES:-$(CURDIR)/templates} \
		PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" sh examples/remit.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/remit" \
		"$(CURDIR)/demo-out/match"
	$(Q)AR_AS_OF=$${AR_AS_OF:-2026-11-30} PATH="$(CURDIR)/$(BUILD)/bin:$$PATH" \
		sh examples/refund.sh "$(CURDIR)/examples" "$(CURDIR)/demo-out/refund"

bench:
	$(Q)sh mk/deps.sh bench
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) sh bench/run.sh
	$(Q)BUILD=$(BUILD) sh bench/run-xlsx.sh
	$(Q)BUILD=$(BUILD) sh bench/run-import.sh
	$(Q)BUILD=$(BUILD) sh bench/run-bank.sh
	$(Q)BUILD=$(BUILD) sh bench/run-match.sh
	$(Q)BUILD=$(BUILD) sh bench/run-dunning.sh
	$(Q)BUILD=$(BUILD) sh bench/run-letters.sh
	$(Q)BUILD=$(BUILD) sh bench/run-pod.sh
	$(Q)BUILD=$(BUILD) sh bench/run-ctos.sh
	$(Q)BUILD=$(BUILD) sh bench/run-kpi.sh
	$(Q)BUILD=$(BUILD) sh bench/run-forecast.sh
	$(Q)BUILD=$(BUILD) sh bench/run-agency.sh
	$(Q)BUILD=$(BUILD) sh bench/run-legal.sh
	$(Q)BUILD=$(BUILD) sh bench/run-soa.sh
	$(Q)BUILD=$(BUILD) sh bench/run-recon.sh
	$(Q)BUILD=$(BUILD) sh bench/run-remit.sh
	$(Q)BUILD=$(BUILD) sh bench/run-refund.sh

# libFuzzer targets: clang, a build of the library of their own.
FUZZ_BUILD ?= build/fuzz
fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
		SANITIZE=address,undefined EXTRA_CFLAGS=-fsanitize=fuzzer-no-link \
		CFLAGS="-O1 -g" fuzz-targets

# (a phony goal, so that a sub-make with nothing to do stays quiet)
fuzz-targets: $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/fuzz/%)

$(FUZZ_BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_BUILD)/lib/libar.a $(FLAGS_FILE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_BUILD)/lib/libar.a $(ALL_LDFLAGS) -fsanitize=fuzzer $(LIBS)

fuzz: fuzz-build
	$(Q)for f in $(FUZZ_SRC:tests/fuzz/%.c=%); do \
		echo "fuzz $$f ($(FUZZ_SECONDS)s)"; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$f; \
		$(FUZZ_BUILD)/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) \
			$(FUZZ_BUILD)/corpus/$$f tests/fuzz/seeds/$$f >$(FUZZ_BUILD)/$$f.log 2>&1 || \
			{ tail -40 $(FUZZ_BUILD)/$$f.log; exit 1; }; \
		tail -1 $(FUZZ_BUILD)/$$f.log; \
	done

lint:
	$(Q)sh mk/layers.sh
	$(Q)command -v mandoc >/dev/null || sh mk/deps.sh lint
	$(Q)mandoc -Tlint -W warning $(MANS) && echo "lint: $(words $(MANS)) man pages clean"

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(TEMPLATEDIR)
	install -m 644 $(wildcard templates/*.txt templates/*.html templates/*.sms templates/*.im) \
		$(DESTDIR)$(TEMPLATEDIR)

clean:
	rm -rf build demo-out bench/data
