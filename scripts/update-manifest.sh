#!/bin/sh
# Records the SHA-256 digest of every published guidance file (the national
# packs, the overlays and the example force profiles) in guidance/national.sha256,
# the manifest the build checks and compiles in. Run it when a policy owner
# publishes a new version of one of them, then rebuild: a build whose files differ
# from the manifest fails (build.rs).
# Check a folder against it by hand with: (cd guidance && sha256sum -c national.sha256)
set -eu
cd "$(dirname "$0")/../guidance"
LC_ALL=C sha256sum national/*.ron overlays/*.ron forces/example-*.ron > national.sha256
echo "guidance/national.sha256: $(wc -l < national.sha256) files recorded"
