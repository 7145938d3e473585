#!/bin/sh
# Records the SHA-256 digest of every national pack and overlay in
# guidance/national.sha256, the manifest compiled into the app. Run it when a
# policy owner publishes a new national pack or overlay version, then rebuild.
# Check a folder against it by hand with: (cd guidance && sha256sum -c national.sha256)
set -eu
cd "$(dirname "$0")/../guidance"
LC_ALL=C sha256sum national/*.ron overlays/*.ron > national.sha256
echo "guidance/national.sha256: $(wc -l < national.sha256) files recorded"
