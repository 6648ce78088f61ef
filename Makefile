# Eventline — the commands a newcomer needs. Everything runs locally: no AWS account, no Docker.
SHELL := /bin/bash
export JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export PATH := $(JAVA_HOME)/bin:$(PATH)
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
MVN ?= ./mvnw -B -ntp
PORT ?= 3000
# how far test-future moves the clock (libfaketime syntax: +400d, -30d, +2y)
CLOCK_SHIFT ?= +400d

.PHONY: help venv build up test test-future bench synth redrive docs clean token deploy-console

help:
	@echo "make up      build, then run the whole stack locally on 127.0.0.1:$(PORT) (Ctrl-C stops it)"
	@echo "make test    every test (unit, moto integration, CDK template, end to end)"
	@echo "make test-future   every test with the clock $(CLOCK_SHIFT) away (faketime; after one make test)"
	@echo "make bench   benchmarks: DynamoDB requests/capacity per command, latency, projection, snapshots, hot streams, CPU (JMH); writes docs/benchmarks.md"
	@echo "make synth   synthesize the CDK app for dev, staging and prod, and refresh localstack/template"
	@echo "make redrive QUEUE=<dlq name>   reprocess dead-lettered records against the local stack (./eventline dlq redrive)"
	@echo "make docs    regenerate docs/asyncapi.yaml from schemas/"
	@echo "make token SUB=alice [SCOPE=eventline/staff]   a bearer token of the local issuer for make up"
	@echo "make deploy-console ENV=<env>   upload the event console to the deployed stack's bucket (AWS CLI, credentials)"

venv:
	@bash localstack/bootstrap-venv.sh

build: venv
	$(MVN) -q install -DskipTests

# The local runtime runs the module classes, not the Lambda jars: no shrinking (R8, 20-60 s a jar) here.
up: venv
	$(MVN) -q install -DskipTests -Deventline.shrink.skip=true
	PORT=$(PORT) $(MVN) -q -pl localstack exec:java

test: venv
	$(MVN) install

# The whole suite with every process's clock moved (the JVMs, moto, node for the CDK tests): a test
# that depends on today's date fails here. Offline, because with the clock moved the registries'
# TLS certificates look expired or not yet valid: run make test once first, to fetch everything.
# The monotonic clock is shifted too (FAKETIME_DONT_FAKE_MONOTONIC unset): only an offset, so
# timeouts still work, and leaving it unfaked makes the JVM several times slower under libfaketime.
test-future: venv
	@command -v faketime >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq faketime; \
	  else echo "make test-future needs faketime: sudo apt-get install faketime (Debian/Ubuntu), brew install libfaketime (macOS)" >&2; exit 2; fi; }
	faketime -f $(CLOCK_SHIFT) $(MVN) -o install

# Each benchmark prints its own table and appends its rows to target/bench-results.jsonl; the summary
# prints them as one table with every Lambda jar's size and writes docs/benchmarks.md (commit it).
bench: build
	rm -f target/bench-results.jsonl
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@commands
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@personal-data
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@snapshots
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@hot-streams
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@rebuild
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@inline-views
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@startup
	$(MVN) -q -pl functions/ordering/ordering-projector test-compile exec:java -Dexec.mainClass=dev.eventline.ordering.projector.ProjectorBenchmark -Dexec.classpathScope=test
	$(MVN) -q -pl localstack exec:java@lag-benchmark
	$(MVN) -q -pl localstack test-compile exec:java@push-benchmark
	$(MVN) -q -pl functions/tooling/benchmarks exec:exec@jmh
	$(MVN) -q -pl functions/tooling/benchmarks exec:java@summary

synth: build
	@test -n "$(JWT_ISSUER)" -a -n "$(JWT_AUDIENCE)" || (echo "usage: make synth JWT_ISSUER=https://<issuer> JWT_AUDIENCE=<aud>[,<aud>] (staging and prod refuse placeholders)" && exit 2)
	$(MVN) -q -pl infrastructure exec:java@synth-all -Dexec.args="jwtIssuer=$(JWT_ISSUER) jwtAudience=$(JWT_AUDIENCE)"
	$(MVN) -q -pl infrastructure exec:java@local-export

deploy-console:
	@test -n "$(ENV)" || { echo "usage: make deploy-console ENV=dev|staging|prod" >&2; exit 1; }
	bash infrastructure/deploy-console.sh $(ENV)

redrive: build
	@test -n "$(QUEUE)" || (echo "usage: make redrive QUEUE=eventline-dev-ordering-projector-dlq" && exit 2)
	./eventline dlq redrive "$(QUEUE)"

# A bearer token of the local stack's issuer (key pair in target/local-state/, made at first use) for the
# issuer and audience of the templates' JWT authorizer: curl -H "Authorization: Bearer $$(make -s token SUB=alice)"
token:
	@test -n "$(SUB)" || (echo "usage: make token SUB=alice [SCOPE=eventline/staff]" && exit 2)
	@$(MVN) -q -o -pl localstack exec:java@token -Dexec.args="$(SUB) $(SCOPE)"

docs: build
	$(MVN) -q -pl functions/tooling/schema-tools exec:java@asyncapi

clean:
	$(MVN) -q clean
