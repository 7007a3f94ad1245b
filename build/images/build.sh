#!/usr/bin/env bash
# Builds Switchboard's OCI images with buildah (no Docker daemon needed), from the Dockerfiles under each service's
# src/main/docker, on a base made here from Debian packages: no image is pulled from any registry.
#
#   build/images/build.sh [--tag TAG] [--push REGISTRY] [IMAGE...]
#
# IMAGE: router (native executable; needs router-svc/target/*-runner, see README), router-jvm, metering, breaker,
# distill-operator (also the image of its worker Jobs).
# Default: all whose build output exists. Images are named ${REPOSITORY:-ghcr.io/switchboard}/<name>:TAG (router-jvm is
# router:TAG-jvm); TAG defaults to the chart's appVersion. --push REGISTRY pushes them to REGISTRY/<name>:TAG as well.
# Needs buildah and mmdebstrap (Debian: apt-get install buildah mmdebstrap) and a JDK with jlink (JAVA_HOME).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=build/images/lib.sh
source build/images/lib.sh

tag=$(chart_app_version)
push=""
while (($#)); do
  case $1 in
    --tag) tag=$2; shift 2 ;;
    --push) push=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
repository=${REPOSITORY:-ghcr.io/switchboard}

wanted=("$@")
if ((${#wanted[@]} == 0)); then
  compgen -G "router-svc/target/*-runner" >/dev/null && wanted+=(router)
  for name in router-jvm metering breaker distill-operator; do
    [[ -d "$(module_of "$name")/target/quarkus-app" ]] && wanted+=("$name")
  done
fi
((${#wanted[@]})) || { echo "nothing built yet: run ./mvnw package first (see README)" >&2; exit 1; }

work=target/images
mkdir -p "$work"

build_base() {
  echo "== base: glibc, libstdc++, zlib, tzdata from Debian (mmdebstrap --variant=extract: no shell)"
  local ctx=$work/base
  rm -rf "$ctx" && mkdir -p "$ctx/tmp"
  chmod 1777 "$ctx/tmp"
  mmdebstrap --quiet --variant=extract --include=libc6,libgcc-s1,libstdc++6,zlib1g,tzdata \
    bookworm "$ctx/rootfs.tar"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nswitchboard:x:10001:0:switchboard:/tmp:/sbin/nologin\n' >"$ctx/passwd"
  printf 'root:x:0:\n' >"$ctx/group"
  bah bud --quiet -f build/images/Containerfile.base -t localhost/switchboard-base:latest "$ctx" >/dev/null

  echo "== jre: jlink from $JAVA_HOME"
  rm -rf "$work/jre-ctx" && mkdir -p "$work/jre-ctx"
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$work/jre-ctx/jre"
  bah bud --quiet -f build/images/Containerfile.jre -t localhost/switchboard-jre:latest "$work/jre-ctx" >/dev/null
}

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
build_base

for name in "${wanted[@]}"; do
  module=$(module_of "$name")
  image=$(image_of "$repository" "$name" "$tag")
  dockerfile=$module/src/main/docker/Dockerfile.jvm
  [[ $name == router ]] && dockerfile=$module/src/main/docker/Dockerfile.native
  echo "== $image ($dockerfile)"
  bah bud --quiet -f "$dockerfile" -t "$image" "$module" >/dev/null
  if [[ -n $push ]]; then
    target=${push%/}/${image#"$repository"/}
    bah push --quiet "$image" "docker://$target"
    echo "   pushed to $target"
  fi
done
