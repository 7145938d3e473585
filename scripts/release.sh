#!/bin/sh
# Builds the binary to ship, without the build machine's paths in it: the
# `dist` profile (fat LTO, one codegen unit; see ARCHITECTURE.md, "Size and
# start-up"), so target/dist/victim-first. PROFILE=release builds the quicker
# release profile instead (what CI tests). Extra arguments go to cargo build.
#
# Rust 1.95 has no stable `trim-paths`, and `.cargo/config.toml` cannot name
# the machine's own folders, so the prefixes are passed here: the Cargo home
# (where dependencies' sources live), the rustup home, and this source tree.
# Panic locations and any other embedded paths then read /cargo/..., /rustup/...
# and /src/... instead of /home/<user>/...
# Check a build with: strings target/dist/victim-first | grep -c "$HOME"   (expect 0)
set -eu
cd "$(dirname "$0")/.."
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$rustup_home=/rustup --remap-path-prefix=$(pwd)=/src"
export RUSTFLAGS
exec cargo build --profile "${PROFILE:-dist}" --locked "$@"
