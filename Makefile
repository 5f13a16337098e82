# The two commands of the README. Both install what they need first.
.PHONY: run test size fuzz bench

## The product: widget + local ZITADEL emulator on http://127.0.0.1:8080
run:
	@scripts/run.sh

## Every test: fmt, clippy, native, browser (wasm-pack), end-to-end (Playwright)
test:
	@scripts/test.sh

## Gzip and brotli sizes of the release bundles against size-budget.json (after a build)
size:
	@node scripts/size.mjs

## Decoding fuzz: a million cases through every decoder (release build)
fuzz:
	@DECODE_CASES=500000 cargo test --release --test decode_never_panics -- --nocapture

## Benchmark: cold loads of the widget page against a hand-written page, the 200-factor
## user, bytes transferred (figures printed and written to target/bench.txt)
bench:
	@scripts/bench.sh
