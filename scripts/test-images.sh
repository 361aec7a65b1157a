#!/usr/bin/env bash
# Builds the small local images the tests run, without any registry:
#   dockwright-test/busybox:1  a busybox-static rootfs, imported with `docker import`
#   dockwright-test/http:1     busybox httpd on :8080 with a 1 s HEALTHCHECK
# Idempotent: images that exist are kept unless --force is given.
set -euo pipefail

BUSYBOX_IMAGE=dockwright-test/busybox:1
HTTP_IMAGE=dockwright-test/http:1
force=${1:-}

have() { docker image inspect "$1" >/dev/null 2>&1; }

busybox_bin=$(command -v busybox || true)
if [ -z "$busybox_bin" ] || ! file -L "$busybox_bin" 2>/dev/null | grep -q 'statically linked'; then
  for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -x "$candidate" ] && ! ldd "$candidate" >/dev/null 2>&1; then busybox_bin=$candidate; fi
  done
fi
if [ -z "$busybox_bin" ] || ldd "$busybox_bin" >/dev/null 2>&1; then
  echo "test-images: a statically linked busybox is needed (apt-get install busybox-static)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$force" = "--force" ] || ! have "$BUSYBOX_IMAGE"; then
  root="$work/rootfs"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www" "$root/root"
  chmod 1777 "$root/tmp"
  cp "$busybox_bin" "$root/bin/busybox"
  for applet in $("$busybox_bin" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  echo 'dockwright test page' >"$root/www/index.html"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/bin' \
    --change 'CMD ["sh"]' \
    --change 'LABEL dockwright.test=1' \
    - "$BUSYBOX_IMAGE" >/dev/null
  echo "built $BUSYBOX_IMAGE"
fi

if [ "$force" = "--force" ] || ! have "$HTTP_IMAGE"; then
  cat >"$work/Dockerfile" <<DOCKERFILE
FROM $BUSYBOX_IMAGE
LABEL dockwright.test=1
EXPOSE 8080
HEALTHCHECK --interval=1s --timeout=1s --start-period=1s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$HTTP_IMAGE" "$work" >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
  echo "built $HTTP_IMAGE"
fi
