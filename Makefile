# emlab: the one entry point.
#
#   make            build the library, the chapters and the tools into build/
#   make figures    run every chapter: printed output, data, scripts, figures in out/
#   make check      build and run every test suite (installs gnuplot and Check if missing)
#   make check SANITIZE=1   the same under AddressSanitizer and UBSan (in build/san/)
#   make valgrind   the test suites under valgrind
#   make docs       the tutorial, woven from the chapters, in build/docs/
#                   (SOLUTIONS=open: the exercises' solutions unfolded)
#   make docs-check every page looked at in headless Chromium
#   make exercise   the workbook: check your blanks in course order (also:
#                   check-exercise B=name, hint B=name, progress, reset B=name,
#                   figures STUDENT=1)
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic
PREFIX   ?= /usr/local
DESTDIR  ?=
SANITIZE ?= 0

ifeq ($(SANITIZE),1)
BUILD    := build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD    := build
SANFLAGS :=
endif

# OpenMP: the E-step's blocks on every core (src/estep.c); OMP_NUM_THREADS=1
# gives the same numbers, bit for bit.
OPENMP     ?= -fopenmp
ALL_CFLAGS := $(WARN) $(CFLAGS) $(OPENMP) $(if $(OPENMP),,-Wno-unknown-pragmas) $(SANFLAGS) \
              -Isrc -I$(BUILD)/gen
LDLIBS     := -lm $(OPENMP)

LIB_SRC     := $(filter-out src/emlab.c src/workbook.c,$(wildcard src/*.c))
LIB_OBJ     := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/plot_sources.o
LIB         := $(BUILD)/libemlab.a
PLOTS       := $(wildcard plots/*.gp)
CHAPTERS    := $(sort $(wildcard chapters/[0-9][0-9]_*.c))
CHAPTER_BIN := $(patsubst chapters/%.c,$(BUILD)/%,$(CHAPTERS))
TOOL_SRC    := $(sort $(wildcard src/cmd/*.c))
TOOL_BIN    := $(if $(TOOL_SRC),$(BUILD)/emlab)
TEST_SRC    := $(sort $(wildcard tests/test_*.c)) tests/check_main.c
TEST_BIN    := $(BUILD)/check_emlab
HEADERS     := $(filter-out src/plot_sources.h,$(wildcard src/*.h))
# the lab's C core (src/lab/): natively for the tests, and as WebAssembly
LAB_SRC     := src/lab/lab.c src/lab/lab_data.c src/lab/lab_draw.c src/lab/lab_steps.c
LAB_OBJ     := $(patsubst src/lab/%.c,$(BUILD)/obj/lab/%.o,$(LAB_SRC) src/lab/lab_library.c)
LAB_CORE    := build/lab/lab-core.js
LAB_STUDENT_CASES := course fresh covariance_old_mean m_step_sigma_variance e_step_not_normalised
lab_case_dir = $(if $(filter course,$1),chapters,$(if $(filter fresh,$1),$(BUILD)/fresh/wb/chapters,$(BUILD)/mistakes/$1/wb/chapters))
LAB_STUDENT_TRACES := $(patsubst %,$(BUILD)/lab/%/trace,$(LAB_STUDENT_CASES))

# Check's flags, looked up when a recipe runs (after `deps` installed it).
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: all figures check valgrind deps deps-figures install clean workbook exercise \
        check-exercise hint progress reset watch grade bench-grade gradescope workbook-checks fuzz fuzz-fit deps-fuzz compare-sklearn docs docs-check deps-docs bench lab lab-check deps-lab deps-lab-check compare-mclust
all: $(LIB) $(CHAPTER_BIN) $(TOOL_BIN)

# --- the library ------------------------------------------------------------
$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj $(BUILD)/gen
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The E-step's kernel: -fno-trapping-math lets the compiler turn the selects
# of its exp into vector code (it changes no result; nothing here reads the
# floating-point exception flags). The kernel is compiled for AVX-512, AVX2
# and any x86-64 at once and picks at run time (src/estep.c), so the library
# runs on any x86-64 and under valgrind; -ffp-contract=off keeps every a*b+c
# two roundings in each version (no FMA), so all give the same bits.
$(BUILD)/obj/estep.o: ALL_CFLAGS += -fno-trapping-math -ffp-contract=off

$(BUILD)/gen/plot_sources.c: $(PLOTS) plots/embed.awk | $(BUILD)/gen
	LC_ALL=C awk -f plots/embed.awk $(PLOTS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/plot_sources.o: $(BUILD)/gen/plot_sources.c src/plot_sources.h | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/lab/%.o: src/lab/%.c $(wildcard src/lab/*.h) $(HEADERS) | $(BUILD)/obj $(BUILD)/gen
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc/lab -c $< -o $@

$(BUILD)/obj $(BUILD)/gen:
	mkdir -p $@

# --- programs ---------------------------------------------------------------
$(BUILD)/%: chapters/%.c $(LIB) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/emlab: $(TOOL_SRC) $(wildcard src/cmd/*.h) $(LIB) $(HEADERS)
	$(CC) $(ALL_CFLAGS) -Isrc/cmd $(TOOL_SRC) $(LIB) $(LDLIBS) -o $@

ifeq ($(STUDENT),1)
figures: deps-figures workbook
	@$(MAKE) -s --no-print-directory $(STUDENT_CHAPTERS)
	@mkdir -p $(STUDENT_OUT) && sh tests/exercise/student_figures.sh $(BUILD) $(WB_BUILD) $(STUDENT_OUT) || true
else
figures: deps-figures all
	@if [ -z "$(CHAPTER_BIN)" ]; then echo "no chapters yet"; fi
	@set -e; for c in $(CHAPTER_BIN); do echo "== $$c"; $$c; done
endif

# --- tests ------------------------------------------------------------------
$(TEST_BIN): $(TEST_SRC) tests/emlab_test.h $(LIB) $(LAB_OBJ) | deps
	$(CC) $(ALL_CFLAGS) -Isrc/lab $(CHECK_CFLAGS) -DEMLAB_TEST_DATA='"tests/data"' -DEMLAB_BUILD='"$(BUILD)"' \
	    $(TEST_SRC) $(LAB_OBJ) $(LIB) $(CHECK_LIBS) $(LDLIBS) -o $@

check: $(TEST_BIN) all workbook-checks $(WORKBOOK_TOOL) $(LAB_CORE) $(LAB_STUDENT_TRACES)
	$(TEST_BIN)

# The suites, and every emlab, chapter and exercise program they start
# (through sh), under valgrind; gnuplot and the shell's tools are left out.
VALGRIND_SKIP := */gnuplot,*/node,*/nodejs,*/awk,*/mawk,*/make,*/cc,*/gcc*,*/cc1,*/as,*/ld,*/ld.*,*/collect2,*/tar,*/gzip,*/zip,*/unzip,*/unshare,*/find,*/xargs,*/sort,*/cp,*/sed,*/cut,*/wc,*/uniq,*/date,*/nproc,*/mktemp,*/basename,*/tr,*/head,*/tail,*/pgrep,*/touch,*/ln,*/cmp,*/chromium,*/timeout,*/ls,*/grep,*/flock,*/sleep,*/mkdir,*/cat,*/rm
valgrind: $(TEST_BIN) all workbook-checks $(WORKBOOK_TOOL)
	CK_FORK=no CK_TIMEOUT_MULTIPLIER=20 valgrind --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite --show-leak-kinds=definite --trace-children=yes \
	    --trace-children-skip='$(VALGRIND_SKIP)' --child-silent-after-fork=yes --quiet $(TEST_BIN)

# --- the workbook ---------------------------------------------------------------
# The instructor's source is chapters/ (solutions between BEGIN/END SOLUTION);
# `workbook make` writes the student's copy with each solution a blank.
WB            := workbook
# seconds a compile of a student's chapter may take (and 2 GiB of memory)
CC_LIMIT      ?= 120
# where the workbook's programs are built: build/workbook for workbook/
WB_BUILD      := $(BUILD)/$(subst /,_,$(patsubst /%,%,$(WB)))
STUDENT_OUT   ?= out/student
WORKBOOK_TOOL := $(BUILD)/workbook-tool
EXERCISE_CHAPTERS := 01 02 04 05 07 11
EXERCISE_SRC  := tests/exercise/runner.c tests/exercise/sandbox.c tests/exercise/one.c \
                 $(patsubst %,tests/exercise/check_%.c,$(EXERCISE_CHAPTERS))
EXERCISE_DEPS := $(EXERCISE_SRC) tests/exercise/exercise.h tests/exercise/sandbox.h $(LIB) $(HEADERS)
# a blank not filled in leaves parameters and variables unused
WB_CFLAGS     := -Wno-unused-parameter -Wno-unused-variable -Wno-unused-but-set-variable
MISTAKES      := $(sort $(wildcard tests/mistakes/*.c))
MISTAKE_BIN   := $(patsubst tests/mistakes/%.c,$(BUILD)/mistakes/%/exercise,$(MISTAKES))
WORKBOOK_CHECKS := $(BUILD)/reference/exercise $(BUILD)/fresh/exercise $(BUILD)/grade/exercise \
                   $(BUILD)/fresh/04_em_fill_in $(MISTAKE_BIN)
# EXERCISE(chapters dir, workbook dir named in messages, output dir): the
# runner OUT/exercise, and a check program OUT/check_NN for each chapter
# with blanks, each built on its own: a chapter that does not compile
# leaves no program, only OUT/check_NN.log with the compiler's words
# (which the runner shows under that chapter's blanks, with its warnings
# at every check), and stops nothing else.
EXERCISE = mkdir -p $(3) && \
  $(CC) $(ALL_CFLAGS) -Itests/exercise -DWORKBOOK_DIR='"$(2)"' -DCHECKS_DIR='"$(abspath $(3))"' \
      -DCHAPTERS_DIR='"$(abspath $(1))"' \
      tests/exercise/runner.c tests/exercise/sandbox.c $(LIB) $(LDLIBS) -o $(3)/exercise && \
  for nn in $(EXERCISE_CHAPTERS); do \
    (ulimit -v 2097152; timeout $(CC_LIMIT) $(CC) $(ALL_CFLAGS) $(WB_CFLAGS) $(CHECK_CFLAGS) \
        -iquote $(1) -Itests/exercise -DCHAPTER_CHECKS=checks_$$nn tests/exercise/check_$$nn.c \
        tests/exercise/one.c $(LIB) $(CHECK_LIBS) $(LDLIBS) -o $(3)/check_$$nn) > $(3)/check_$$nn.log 2>&1; \
    rc=$$?; if [ $$rc -ne 0 ]; then rm -f $(3)/check_$$nn; [ $$rc -ne 124 ] || \
      echo "$$(ls $(1)/$${nn}_*.c):1: error: the compiler was stopped after $(CC_LIMIT) s" \
        "(an include of a device? a macro without end?)" >> $(3)/check_$$nn.log; fi; \
  done

$(WORKBOOK_TOOL): src/workbook.c $(LIB) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS) -o $@

# what the lecturer's tests in `make check` run
workbook-checks: $(WORKBOOK_CHECKS)

# the checks against the reference solutions: every blank must pass
$(BUILD)/reference/exercise: $(EXERCISE_DEPS) $(CHAPTERS) | deps
	@$(call EXERCISE,chapters,chapters,$(@D))

# a fresh workbook, as a student first gets it: every blank "not filled in yet"
$(BUILD)/fresh/wb.stamp: $(CHAPTERS) $(wildcard chapters/*.h) $(WORKBOOK_TOOL)
	rm -rf $(BUILD)/fresh/wb && mkdir -p $(BUILD)/fresh
	$(WORKBOOK_TOOL) make chapters $(BUILD)/fresh/wb > /dev/null
	touch $@
$(BUILD)/fresh/exercise: $(BUILD)/fresh/wb.stamp $(EXERCISE_DEPS) | deps
	@$(call EXERCISE,$(BUILD)/fresh/wb/chapters,workbook,$(@D))
$(BUILD)/fresh/04_em_fill_in: $(BUILD)/fresh/wb.stamp $(LIB)
	$(CC) $(ALL_CFLAGS) $(WB_CFLAGS) $(BUILD)/fresh/wb/chapters/04_em_fill_in.c $(LIB) $(LDLIBS) -o $@

# classic mistakes planted in a workbook: each must get the message naming it
$(BUILD)/mistakes/%/exercise: tests/mistakes/%.c $(CHAPTERS) $(WORKBOOK_TOOL) $(EXERCISE_DEPS) | deps
	rm -rf $(BUILD)/mistakes/$* && mkdir -p $(BUILD)/mistakes/$*
	$(WORKBOOK_TOOL) make chapters $(BUILD)/mistakes/$*/wb --fill $< > /dev/null
	@$(call EXERCISE,$(BUILD)/mistakes/$*/wb/chapters,workbook,$(@D))

# the student's commands
workbook: $(WORKBOOK_TOOL)
	@if [ -d $(WB)/chapters ]; then \
	  if [ "$(MAKECMDGOALS)" = workbook ]; then \
	    echo "$(WB)/ is there: your work is kept (make reset B=name restores one blank)"; fi; \
	else $(WORKBOOK_TOOL) make chapters $(WB) && cp tests/exercise/WORKBOOK.md $(WB)/README.md && \
	  echo "Open $(WB)/README.md, then: make exercise"; fi

$(WB_BUILD)/exercise: $(wildcard $(WB)/chapters/*.c) $(EXERCISE_DEPS) | deps
	@$(call EXERCISE,$(WB)/chapters,$(WB),$(@D))

$(WB_BUILD)/%: $(WB)/chapters/%.c $(LIB)
	@mkdir -p $(WB_BUILD)
	@timeout $(CC_LIMIT) $(CC) $(ALL_CFLAGS) $(WB_CFLAGS) -I$(WB)/chapters $< $(LIB) $(LDLIBS) -o $@

# The student's commands end with emlab's own words, never make's "Error 1".
# When every blank is right, the student's chapters are compared with the course's.
STUDENT_CHAPTERS := $(patsubst %,$(WB_BUILD)/%,01_sampling 02_responsibilities 04_em_fill_in 05_em_2d \
                    07_kmeans_and_em 11_why_em_works)
exercise: workbook
	@$(MAKE) -s --no-print-directory $(WB_BUILD)/exercise
	@if $(WB_BUILD)/exercise --hints $(WB)/.hints --all; then \
	  $(MAKE) -s --no-print-directory all $(STUDENT_CHAPTERS) && mkdir -p $(STUDENT_OUT) && \
	  sh tests/exercise/student_figures.sh $(BUILD) $(WB_BUILD) $(STUDENT_OUT) compare; fi; true

# rustlings' watch: the current blank, checked again at every save
watch: workbook
	@$(MAKE) -s --no-print-directory $(WB_BUILD)/exercise
	@$(WB_BUILD)/exercise --hints $(WB)/.hints --watch \
	  --rebuild '$(MAKE) -s --no-print-directory $(WB_BUILD)/exercise'; true

progress: workbook
	@$(MAKE) -s --no-print-directory $(WB_BUILD)/exercise
	@$(WB_BUILD)/exercise --hints $(WB)/.hints --progress; true

check-exercise hint reset: workbook
	@if [ -z "$(B)" ]; then echo "which blank? make $@ B=name; the blanks:" \
	  $$($(WORKBOOK_TOOL) list chapters); else \
	case $@ in \
	  check-exercise) $(MAKE) -s --no-print-directory $(WB_BUILD)/exercise && \
	                  $(WB_BUILD)/exercise --hints $(WB)/.hints --blank $(B) --next ;; \
	  hint) $(MAKE) -s --no-print-directory $(WB_BUILD)/exercise && \
	        $(WB_BUILD)/exercise --hints $(WB)/.hints --hint $(B) ;; \
	  reset) $(WORKBOOK_TOOL) reset $(WB) $(B) $(if $(YES),--yes) && rm -f $(WB)/.hints/$(B) ;; \
	esac; fi; true

# --- a class graded: make grade SUBMISSIONS=DIR [GRADES=DIR] [JOBS=N] ------------
GRADES ?= grades
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
# the grading runner, and the settings grade.sh builds each submission with
$(BUILD)/grade/exercise: $(EXERCISE_DEPS) Makefile | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/exercise -DWORKBOOK_DIR='"workbook"' \
	    tests/exercise/runner.c tests/exercise/sandbox.c $(LIB) $(LDLIBS) -o $@
	@printf '%s\n' "CC='$(CC)'" "ALLFLAGS='$(ALL_CFLAGS)'" "WBFLAGS='$(WB_CFLAGS)'" \
	  "CHECKFLAGS='$(CHECK_CFLAGS)'" "LIB='$(abspath $(LIB))'" "LIBS='$(CHECK_LIBS) $(LDLIBS)'" \
	  "RUNNER='$(abspath $@)'" "GRADE_ENV='$(abspath $(@D))'" > $(@D)/env.sh

grade: all $(BUILD)/grade/exercise
	@if [ -z "$(SUBMISSIONS)" ]; then echo "make grade SUBMISSIONS=DIR: a folder with a workbook" \
	  "(a folder, .tar.gz or .zip) per student; the grades go to $(GRADES)/"; else \
	  JOBS='$(JOBS)' sh tests/exercise/grade.sh --env $(BUILD)/grade '$(SUBMISSIONS)' '$(GRADES)'; fi

# Gradescope's autograder: emlab's sources with setup.sh and run_autograder
# at the top of a zip (upload it as the assignment's autograder)
gradescope:
	@rm -f $(BUILD)/gradescope.zip && mkdir -p $(BUILD)
	@git archive --format=zip -o $(BUILD)/gradescope.zip HEAD && \
	  cd tests/exercise/gradescope && zip -q $(abspath $(BUILD))/gradescope.zip setup.sh run_autograder
	@echo "gradescope: $(BUILD)/gradescope.zip (setup.sh and run_autograder at its top)"

bench-grade: all workbook-checks $(BUILD)/grade/exercise
	@sh tests/bench/grade_bench.sh $(BUILD)

# --- the tutorial: woven from the chapters ----------------------------------------
DOCS := build/docs
docs: all deps-docs lab
	@sh docs/build.sh $(BUILD) $(DOCS) $(SOLUTIONS)

docs-check:
	@sh docs/check.sh $(DOCS)

deps-docs:
	$(call ensure,gnuplot:gnuplot-nox pandoc:pandoc chromium:chromium /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf:fonts-dejavu-extra)

# --- the lab: EM in the browser, on the same C core -----------------------------
# make lab        build/docs/lab.html (+ lab.js, lab.css, lab-core.js), from file://
# make lab STUDENT=1   the lab with the student's own blanks in its steps
# make lab-check  the page driven in headless Chromium; screenshots in build/lab-shots/
# emscripten, from Debian; with a node that is not Debian's it needs
# NODE_PATH=/usr/share/nodejs to find acorn.
EMCC        ?= emcc
export NODE_PATH := /usr/share/nodejs$(if $(NODE_PATH),:$(NODE_PATH))
LAB_WEB     := web/lab.html web/lab.css web/lab.js web/lab-api.js
LAB_CFLAGS  := -std=c11 -O2 -Wall -Wextra -Wpedantic -Wno-unknown-pragmas -Isrc -Isrc/lab
# every lab_ function of lab.h, and malloc/free for the page's buffers
paren       := (
LAB_EXPORTS  = $(shell sed -n 's/^[a-z].*[ *]\(lab_[A-Za-z0-9_]*\)$(paren).*/_\1/p' src/lab/lab.h | sort -u | \
                 tr '\n' ',')_malloc,_free
LAB_LDFLAGS  = -sMODULARIZE=1 -sEXPORT_NAME=EmlabCore -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 \
               -sFORCE_FILESYSTEM=1 -sENVIRONMENT=web,node -sEXPORTED_FUNCTIONS=$(LAB_EXPORTS) \
               -sEXPORTED_RUNTIME_METHODS=FS,UTF8ToString,stringToUTF8,lengthBytesUTF8

# the library without its figures and programs' plumbing: the page draws
LAB_LIB_SRC := $(filter-out src/figure%.c src/render.c src/figdir.c src/cli.c,$(LIB_SRC))

$(LAB_CORE): $(LAB_LIB_SRC) $(LAB_SRC) src/lab/lab_library.c $(wildcard src/lab/*.h) $(HEADERS) Makefile \
             | deps-lab
	@mkdir -p $(@D)
	$(EMCC) $(LAB_CFLAGS) $(LAB_LIB_SRC) $(LAB_SRC) src/lab/lab_library.c \
	    $(LAB_LDFLAGS) -o $@.tmp.js && mv $@.tmp.js $@

# the chapters' data and starts (em_fig_handoff) and Old Faithful, for the lab
build/lab/lab-presets.js: web/build/presets.js $(CHAPTER_BIN) tests/data/old_faithful.csv | deps-lab
	@mkdir -p $(@D)
	node web/build/presets.js $(BUILD) $@

ifeq ($(STUDENT),1)
# the lab with the student's blanks: build/docs/lab-yours.html
LAB_YOURS := build/lab/yours
lab: workbook build/lab/lab-presets.js $(LAB_WEB)
	@mkdir -p $(LAB_YOURS) $(DOCS)
	@awk -v out=$(LAB_YOURS) -f web/build/student.awk $(WB)/chapters/04_em_fill_in.c \
	    $(WB)/chapters/05_em_2d.c
	@$(MAKE) -s --no-print-directory deps-lab
	@$(EMCC) $(LAB_CFLAGS) $(WB_CFLAGS) -I$(LAB_YOURS) $(LAB_LIB_SRC) $(LAB_SRC) \
	    src/lab/lab_student.c $(LAB_LDFLAGS) -o $(LAB_YOURS)/lab-core-yours.js || \
	  { echo "lab: your workbook does not compile in the lab: the message above names your file and line"; \
	    echo "     (make check-exercise says the same, with hints)"; exit 1; }
	@cp web/lab.css web/lab.js web/lab-api.js build/lab/lab-presets.js $(LAB_YOURS)/lab-core-yours.js $(DOCS)/
	@sed 's/lab-core\.js/lab-core-yours.js/; s/<title>The lab:/<title>Your lab:/' web/lab.html > $(DOCS)/lab-yours.html
	@echo "lab: open $(DOCS)/lab-yours.html: the lab's steps run your blanks where they are filled"
else
lab: $(LAB_CORE) build/lab/lab-presets.js $(LAB_WEB)
	@mkdir -p $(DOCS)
	@cp $(LAB_WEB) $(LAB_CORE) build/lab/lab-presets.js $(DOCS)/
	@echo "lab: open $(DOCS)/lab.html in a browser (it works from file://, offline)"
endif

# the browser test: puppeteer-core from npm (tests/lab/package-lock.json), Debian's chromium
lab-check: lab all deps-lab-check
	@cd tests/lab && { [ -d node_modules/puppeteer-core ] || npm ci --no-audit --no-fund --silent; }
	@node tests/lab/check.js $(DOCS) build/lab-shots $(BUILD)/emlab

# The lab with a student's blanks, natively, for the tests: the course's
# solutions (chapters/), an empty workbook, and planted mistakes.
$(BUILD)/lab/%/trace: tests/lab/trace.c web/build/student.awk src/lab/lab_student.c $(LAB_SRC) \
                      $(wildcard src/lab/*.h) $(LIB) | workbook-checks
	@mkdir -p $(@D)
	@awk -v out=$(@D) -f web/build/student.awk $(call lab_case_dir,$*)/04_em_fill_in.c \
	    $(call lab_case_dir,$*)/05_em_2d.c
	$(CC) $(ALL_CFLAGS) $(WB_CFLAGS) -Isrc/lab -I$(@D) $< $(LAB_SRC) src/lab/lab_student.c \
	    $(LIB) $(LDLIBS) -o $@

deps-lab:
	$(call ensure,emcc:emscripten node:nodejs)

deps-lab-check: deps-lab
	$(call ensure,chromium:chromium npm:npm)

# --- emlab fit beside scikit-learn, from the same starts ---------------------------
compare-sklearn: all
	$(call ensure,/usr/lib/python3/dist-packages/sklearn/__init__.py:python3-sklearn)
	/usr/bin/python3 tests/sklearn/compare.py $(BUILD)/emlab tests/data/old_faithful.csv \
	    tests/data/init_faithful_k2.txt 50 $(BUILD)/sklearn_faithful_k2.txt
	/usr/bin/python3 tests/sklearn/compare.py $(BUILD)/emlab tests/data/iris.csv \
	    tests/data/init_iris_k3.txt 50 $(BUILD)/sklearn_iris_k3.txt
	/usr/bin/python3 tests/sklearn/compare_covtypes.py $(BUILD)/emlab $(BUILD)/covtypes

# --- the families against R's mclust: the reference file made again, compared ------
compare-mclust: all
	$(call ensure,Rscript:r-base-core /usr/lib/R/site-library/mclust/DESCRIPTION:r-cran-mclust)
	@mkdir -p $(BUILD)/mclust
	Rscript tests/mclust/make_mclust.R $(BUILD)/mclust
	@if cmp -s $(BUILD)/mclust/mclust_covtypes.txt tests/data/covtypes/mclust_covtypes.txt; then \
	  echo "compare-mclust: mclust gives the committed reference to the last digit"; \
	else echo "compare-mclust: mclust now differs from tests/data/covtypes/mclust_covtypes.txt:"; \
	  diff $(BUILD)/mclust/mclust_covtypes.txt tests/data/covtypes/mclust_covtypes.txt | head; fi

# --- speed: make bench ---------------------------------------------------------------
$(BUILD)/bench: tests/bench/bench.c $(LIB) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS) -o $@

# VLFeat's vl_gmm, the diagonal yardstick (Debian's libvlfeat-dev)
$(BUILD)/vlfeat_bench: tests/bench/vlfeat_bench.c $(LIB) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $< $(LIB) -lvl $(LDLIBS) -o $@

bench: $(BUILD)/bench
	$(call ensure,/usr/lib/python3/dist-packages/sklearn/__init__.py:python3-sklearn /usr/include/vl/gmm.h:libvlfeat-dev)
	@$(MAKE) -s --no-print-directory $(BUILD)/vlfeat_bench
	@sh tests/bench/run.sh $(BUILD)

# --- fuzzing the readers (libFuzzer, clang, ASan + UBSan) -------------------------
FUZZ_SECONDS ?= 300
FUZZ_SRC     := $(filter-out src/cli.c src/render.c,$(LIB_SRC)) $(BUILD)/gen/plot_sources.c
fuzz: deps-fuzz $(BUILD)/gen/plot_sources.c
	@mkdir -p build/fuzz build/fuzz/corpus
	clang -std=c11 -g -O1 -Isrc -Ibuild/gen -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all tests/fuzz/fuzz_readers.c $(FUZZ_SRC) -lm -o build/fuzz/fuzz_readers
	cp tests/fuzz/corpus/* build/fuzz/corpus/
	build/fuzz/fuzz_readers -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -print_final_stats=1 build/fuzz/corpus 2>&1 | tail -25

# --- fuzzing the whole of `emlab fit` (read, start, EM, print, write) ----------------
FUZZ_FIT_SRC := $(LIB_SRC) $(BUILD)/gen/plot_sources.c $(filter-out src/cmd/main.c,$(TOOL_SRC))
fuzz-fit: deps-fuzz $(BUILD)/gen/plot_sources.c
	@mkdir -p build/fuzz build/fuzz/corpus_fit
	clang -std=c11 -g -O1 -Isrc -Isrc/cmd -Ibuild/gen -Wno-unknown-pragmas \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    tests/fuzz/fuzz_fit.c $(FUZZ_FIT_SRC) -lm -o build/fuzz/fuzz_fit
	cp tests/fuzz/corpus_fit/* build/fuzz/corpus_fit/
	build/fuzz/fuzz_fit -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=20 \
	    -close_fd_mask=3 -print_final_stats=1 build/fuzz/corpus_fit 2>&1 | tail -25

deps-fuzz:
	$(call ensure,clang:clang /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev)

# --- dependencies: what a fresh Debian machine lacks --------------------------
# Each word is COMMAND:PACKAGE, pc-MODULE:PACKAGE for a pkg-config module, or
# /FILE:PACKAGE for a file the package installs.
# Installed through apt-get as root or with passwordless sudo; otherwise we
# stop and say exactly what to run.
define ensure
	@missing=""; \
	for spec in $(1); do \
	  what=$${spec%%:*}; pkg=$${spec##*:}; \
	  case $$what in \
	    pc-*) pkg-config --exists $${what#pc-} 2>/dev/null || missing="$$missing $$pkg" ;; \
	    /*) test -e $$what || missing="$$missing $$pkg" ;; \
	    *) command -v $$what >/dev/null 2>&1 || missing="$$missing $$pkg" ;; \
	  esac; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "emlab needs:$$missing (Debian names). Install them with your package manager, then run make again." >&2; exit 1; \
	fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "emlab needs:$$missing. Install them with:" >&2; \
	     echo "    sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	echo "installing$$missing (apt-get)"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing >/dev/null || \
	{ echo "apt-get could not install$$missing; try: sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; }
endef

deps:
	$(call ensure,pkg-config:pkg-config pc-check:check gnuplot:gnuplot-nox)

deps-figures:
	$(call ensure,gnuplot:gnuplot-nox)

# --- install, clean -------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/emlab $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libemlab.a
	install -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/emlab/
	$(if $(TOOL_BIN),install -m 755 $(TOOL_BIN) $(DESTDIR)$(PREFIX)/bin/emlab)

clean:
	rm -rf build out
	@if [ -d $(WB) ]; then echo "kept $(WB)/ (your exercises): remove it yourself for a fresh workbook"; fi
