#!/usr/bin/env bash
# Builds the image the templates ("New from template") run, without any registry:
#   dockwright-sample/busybox:1  busybox (sh, httpd with CGI, wget, awk) on the busybox-static
#                                root file system that scripts/test-images.sh imports
# Each template's behaviour is in its topology (sh -c scripts), so one small image serves all.
# Idempotent: an existing image is kept unless --force is given.
set -euo pipefail

SAMPLE_IMAGE=dockwright-sample/busybox:1
force=${1:-}
here=$(cd "$(dirname "$0")" && pwd)

have() { docker image inspect "$1" >/dev/null 2>&1; }

if [ "$force" != "--force" ] && have "$SAMPLE_IMAGE"; then
  exit 0
fi

# The root file system: a statically linked busybox imported with `docker import`.
bash "$here/test-images.sh" ${force:+"$force"}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/Dockerfile" <<'DOCKERFILE'
FROM dockwright-test/busybox:1
LABEL dockwright.sample=1 org.opencontainers.image.title="Dockwright template sample"
RUN mkdir -p /www /data /work && echo 'dockwright sample' >/www/index.html
CMD ["sh"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t "$SAMPLE_IMAGE" "$work" >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
echo "built $SAMPLE_IMAGE"
