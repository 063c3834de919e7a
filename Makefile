# gddim-java — the front door. The README's two commands:
#   make run    build everything needed and sample the embedded default model into out/run/
#   make test   build and run every test: C kernels (plain, ASan/UBSan, valgrind), CUDA compile check, Java (mvn verify),
#               the Java API example (examples/java), bin/gddim-spark's local-mode smoke run, a bounded fuzzing run, then the GPU bundle and the GPU check's dry run (tools/gpu-bundle, tools/gpu-check --dry-run)
# Also: make build | bench | quality (quality-paper) | atlas | clean. Needs a JDK >= 22 (found by tools/find-jdk), Maven, gcc;
# nvcc is optional (the CUDA sources are compile-checked when it is present).

SHELL  := /bin/bash
JDK    := $(shell tools/find-jdk 2>/dev/null)
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
MVN    := JAVA_HOME=$(JDK) mvn -B -ntp -Dgddim.commit=$(COMMIT)
VERSION := 0.1.0-SNAPSHOT
ENGINE_JAR := engine-java/target/gddim-engine-$(VERSION).jar

.PHONY: all build run test example example-run spark spark-launcher spark-smoke fuzz jdk native ctest cuda bench gpu-test gpu-bench gpu-bundle quality quality-paper atlas models models-cld models-bdm train cli-docs ld3 ld3-doc clean

all: build

jdk:
	@if [ -z "$(JDK)" ]; then tools/find-jdk; exit 1; fi
	@echo "✓ JDK: $(JDK)"

native:
	@$(MAKE) --no-print-directory -C kernels-cu lib

ctest:
	@$(MAKE) --no-print-directory -C kernels-cu test

cuda:
	@$(MAKE) --no-print-directory -C kernels-cu cuda lab

# Java modules (builds libgdk through Maven too), then the launcher bin/gddim.
build: jdk native
	$(MVN) -q install -DskipTests -Dmaven.javadoc.skip=true
	@$(MAKE) --no-print-directory bin/gddim

bin/gddim: tools/launcher.in $(ENGINE_JAR)
	@mkdir -p bin
	@sed -e 's#@JAVA@#$(JDK)/bin/java#' -e 's#@VERSION@#$(VERSION)#' tools/launcher.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
	@echo "✓ launcher: bin/gddim"

run: build
	bin/gddim sample --process edm --model onnx:models/mnist-edm.onnx --solver dpmpp --order 2 --nfe 10 \
	    --n 64 --seed 0 --out out/run --force
	@echo "✓ 64 generated digits (samples.npy, manifest.json, image grid samples.png) are in out/run/"

test: jdk ctest cuda
	$(MVN) install
	@$(MAKE) --no-print-directory example-run
	@MVN="$(MVN)" tools/fuzz 1
	@$(MAKE) --no-print-directory bin/gddim
	@$(MAKE) --no-print-directory spark-smoke
	@$(MAKE) --no-print-directory -C kernels-cu plan-test GDDIM=$(CURDIR)/bin/gddim
	bin/gddim info
	JDK=$(JDK) nice tools/gpu-bundle
	@mkdir -p out
	nice tools/gpu-check --dry-run > out/gpu-check-dry.txt 2>&1 || { cat out/gpu-check-dry.txt; exit 1; }
	@grep '^\[gpu-check\]' out/gpu-check-dry.txt
	@echo "✓ all tests passed"

# The Java API example (examples/java, docs/api.md): a separate Maven project that depends on the installed engine
# (with its sources and javadoc jars), samples a GMM through org.gddim.api and checks its mean and covariance.
example: jdk native
	$(MVN) -q install -DskipTests
	@$(MAKE) --no-print-directory example-run
example-run:
	$(MVN) -q -f examples/java/pom.xml verify
	@echo "✓ examples/java: the Java API example ran and passed its check"

# gddim-spark (docs/batch.md "On Spark"): the shaded application jar spark/target/gddim-spark.jar (the engine, not
# Spark), the Spark classpath of the build for local mode without spark-submit, and the launcher bin/gddim-spark.
spark: build
	$(MVN) -q -pl spark package -DskipTests
	@$(MAKE) --no-print-directory spark-launcher
spark-launcher:
	$(MVN) -q -pl spark dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile=target/spark-classpath.txt
	@mkdir -p bin
	@sed -e 's#@JAVA@#$(JDK)/bin/java#' tools/spark-launcher.in > bin/gddim-spark.tmp && chmod +x bin/gddim-spark.tmp && mv bin/gddim-spark.tmp bin/gddim-spark
	@echo "✓ spark/target/gddim-spark.jar and bin/gddim-spark"
# bin/gddim-spark in local[2] against bin/gddim generate: the same folder, byte for byte (run by `make test`)
spark-smoke: spark-launcher bin/gddim
	@rm -rf out/spark-smoke && mkdir -p out/spark-smoke
	bin/gddim generate --n 3000 --shard-size 500 --seed 5 --progress off --out out/spark-smoke/cli > /dev/null
	bin/gddim-spark --master 'local[2]' -- --n 3000 --shard-size 500 --seed 5 --progress off --out file:$(CURDIR)/out/spark-smoke/spark
	@rm -f out/spark-smoke/cli/.gddim-lock
	diff -r out/spark-smoke/cli out/spark-smoke/spark
	@echo "✓ bin/gddim-spark (local[2]) wrote the same folder as bin/gddim generate"

bench: build
	$(MVN) -q -pl bench package -DskipTests
	$(JDK)/bin/java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.gddim.bench.Report docs/benchmarks.md $(BENCH_ARGS)

# Coverage-guided fuzzing of every parser (Jazzer): FUZZ_ROUNDS rounds of 5 s per target (`make test` runs one).
FUZZ_ROUNDS ?= 24
fuzz: build
	@MVN="$(MVN)" tools/fuzz $(FUZZ_ROUNDS)

# ---- on a GPU machine (the device tool's H100/H200): what cannot run here ----------------------------------
# gpu-bundle: .gpu-bundle/ (jlinked runtime, jars, JUnit console; < 56 MiB) for tools/gpu-check, the one-command
# check on a device machine without JDK or Maven (docs/benchmarks-gpu.md gives the device call). `make test` builds
# it and runs `tools/gpu-check --dry-run` (every stage that needs no GPU, with the bundled runtime).
gpu-bundle: build
	JDK=$(JDK) tools/gpu-bundle

# gpu-test: the kernel labs (each checks its op against the CPU reference before timing) under
# compute-sanitizer, then the gpu-tagged Java tests (CudaBackendTest; skipped where no GPU is present).
gpu-test: build cuda
	@for lab in kernels-cu/build/dev/*; do echo "[compute-sanitizer] $$lab"; \
	    compute-sanitizer --error-exitcode 1 --tool memcheck $$lab > /dev/null || exit 1; done
	$(MVN) -q -pl bindings,engine-java surefire:test -Dgroups=gpu -Dsurefire.failIfNoSpecifiedTests=false
	@echo "✓ GPU tests passed"

# gpu-bench: docs/benchmarks-gpu.md (fused step vs cudaMemcpy, launch overhead with/without the CUDA graph,
# a whole 20-NFE run vs the same plan as PyTorch ops), plus the kernel labs' own timings on stdout.
gpu-bench: build cuda
	@for lab in kernels-cu/build/dev/*; do $$lab || exit 1; done
	$(JDK)/bin/java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.gddim.bench.gpu.GpuReport \
	    docs/benchmarks-gpu.md models/gmm/gmm-8d-5.json

quality: build
	bin/gddim quality --process vp --model models/gmm/gmm-8d-5.json --methods ddim,gddim2,gddim3,gddim4 \
	    --grids uniform,logsnr --nfe 5,10,20,50 --samples 1000 --seed 0 --doc docs/quality.md --id quality-vp-gmm8d
	@$(MAKE) --no-print-directory quality-paper

# The gDDIM paper's claims on CLD, BDM and FDM (docs/quality.md, second half): about 15 minutes on 2 cores.
quality-paper: build
	for s in cld-frames bdm-samplers cld-lambda fdm-vs-host; do bin/gddim study $$s --doc docs/quality.md || exit 1; done

# The quality atlas of docs/quality.md (two oracles x vp, ve, edm x 3 grids x 15 solvers x 6 NFE, and PNDM's
# claim on ddpm-linear): about 15 minutes on 2 cores. Plots go to docs/atlas/.
atlas: build
	bin/gddim atlas --doc docs/quality.md

# docs/models.md from the shipped models: sample grids, Frechet distances, images/s (about 40 minutes on 2 cores,
# most of it the CLD baselines at 500 NFE; models-mnist alone is a few minutes).
models: build
	bin/gddim model-report --models models/mnist-vp.onnx,models/mnist-edm.onnx,models/mnist-fdm.onnx \
	    --methods ddim,gddim:2,gddim:3,dpmpp:2,ipndm:4 --nfe 5,10,20 --n 1000 --seed 0 --doc docs/models.md --id models-mnist
	@$(MAKE) --no-print-directory models-cld models-bdm

# The CLD and BDM networks (docs/models.md, the gDDIM paper's claims on them): fewer samples per cell for CPU time.
MODELS_N ?= 200
models-cld: build
	bin/gddim model-report --models models/mnist-cld.onnx --methods gddim1,gddim2,gddim3,gddim1-L,gddim3-L,gddim1-lambda1.0 \
	    --nfe 20,30,50 --grid quadratic --n $(MODELS_N) --seed 0 --doc docs/models.md --id models-cld-gddim
	bin/gddim model-report --models models/mnist-cld.onnx --methods em-lambda0,em,sscs \
	    --nfe 50,500 --grid quadratic --n $(MODELS_N) --seed 0 --doc docs/models.md --id models-cld-baselines
models-bdm: build
	bin/gddim model-report --models models/mnist-bdm.onnx --methods gddim1,gddim2,gddim3,gddim1-lambda1.0,em-lambda0 \
	    --nfe 10,20,50,200 --grid quadratic --n $(MODELS_N) --seed 0 --doc docs/models.md --id models-bdm

# LD3 grids shipped with the image models (models/<model>.ld3-<solver>-<nfe>.json; docs/ld3.md): 70 minutes for
# mnist-edm's nine grids on 2 shared cores, about as long for mnist-vp and mnist-fdm each, 3 grids (gDDIM only: the
# other two solvers need an isotropic process) for mnist-cld and mnist-bdm. Teachers: UniPC-bh2 at 20 NFE on the
# isotropic models, gDDIM q = 2 at 100 NFE on CLD and BDM. The teacher pairs are cached (~/.cache/gddim/ld3), so a
# rerun starts at once.
LD3_MODELS ?= mnist-edm mnist-vp mnist-fdm mnist-cld mnist-bdm
LD3_SOLVERS ?= dpmpp unipc-bh2 gddim
LD3_NFE ?= 5 7 10
ld3: build
	@for m in $(LD3_MODELS); do \
	  case $$m in \
	    mnist-edm|mnist-fdm) p=edm; solvers="$(LD3_SOLVERS)"; teacher="--teacher-solver unipc-bh2 --teacher-nfe 20";; \
	    mnist-vp) p=vp; solvers="$(LD3_SOLVERS)"; teacher="--teacher-solver unipc-bh2 --teacher-nfe 20";; \
	    mnist-cld|mnist-bdm) p=$${m#mnist-}; solvers="$(filter gddim,$(LD3_SOLVERS))"; \
	        teacher="--teacher-solver gddim --teacher-order 2 --teacher-nfe 100";; \
	    *) echo "make ld3: no LD3 settings for model '$$m' (known: mnist-edm mnist-vp mnist-fdm mnist-cld mnist-bdm)" >&2; exit 1;; \
	  esac; \
	  for s in $$solvers; do for n in $(LD3_NFE); do \
	    nice -n 10 bin/gddim ld3 --process $$p --model onnx:models/$$m.onnx --solver $$s --nfe $$n $$teacher \
	        --train-samples 50 --val-samples 50 --rounds 2 --evaluations 100 --seed 0 \
	        --out models/$$m.ld3-$$s-$$n.json --progress off || exit 1; \
	  done; done; done

# docs/ld3.md: the optimiser comparison and the GMM-oracle tables (28 minutes on 2 shared cores), then the shipped
# grids' Frechet distances (5 minutes).
ld3-doc: build
	nice -n 10 bin/gddim ld3-report --doc docs/ld3.md

# Retrains every shipped network on the CPU (hours; needs python3-torch, python3-onnx, python3-matplotlib).
train:
	tools/train/get_mnist.sh
	/usr/bin/python3 tools/train/train_classifier.py
	/usr/bin/python3 tools/train/train_vp.py
	/usr/bin/python3 tools/train/train_edm.py --variant edm
	/usr/bin/python3 tools/train/train_edm.py --variant fdm
	/usr/bin/python3 tools/train/train_cld.py
	/usr/bin/python3 tools/train/train_bdm.py
	/usr/bin/python3 tools/train/plot_losses.py

# The checked-in --help texts (docs/cli/), which HelpGoldenTest compares against.
cli-docs: build
	@mkdir -p docs/cli
	bin/gddim --help > docs/cli/gddim.txt
	bin/gddim sample --help > docs/cli/sample.txt
	bin/gddim generate --help > docs/cli/generate.txt
	bin/gddim merge --help > docs/cli/merge.txt
	bin/gddim plan --help > docs/cli/plan.txt
	bin/gddim info --help > docs/cli/info.txt
	bin/gddim quality --help > docs/cli/quality.txt
	bin/gddim atlas --help > docs/cli/atlas.txt
	bin/gddim study --help > docs/cli/study.txt
	bin/gddim export-gmm --help > docs/cli/export-gmm.txt
	bin/gddim model-report --help > docs/cli/model-report.txt
	bin/gddim ld3 --help > docs/cli/ld3.txt
	bin/gddim ld3-report --help > docs/cli/ld3-report.txt

clean:
	@$(MAKE) --no-print-directory -C kernels-cu clean
	-$(MVN) -q clean
	rm -rf bin out examples/java/target
