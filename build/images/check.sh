#!/usr/bin/env bash
# Checks the images build/images/build.sh made (CI runs it): every one runs as user 10001 and holds no shell, and the
# router's image (the native one when built, else the JVM one) starts with podman on a read-only root filesystem,
# against a Kafka broker on this machine, reports ready and answers a chat completion.
#
#   build/images/check.sh [--tag TAG]
# Needs podman and runc (Debian: apt-get install podman runc).
set -euo pipefail
cd "$(dirname "$0")/../.."
source build/images/lib.sh
source dev/lib.sh

tag=$(chart_app_version)
[[ ${1:-} == --tag ]] && tag=$2
repository=${REPOSITORY:-ghcr.io/switchboard}
# runc and cgroupfs: crun refuses hosts with cgroups in hybrid mode; the limits are lowered because raising them needs
# CAP_SYS_RESOURCE, which CI containers often lack
pod() { podman --storage-driver vfs --runtime runc --cgroup-manager cgroupfs "$@"; }

images=$(bah images --format '{{.Name}}:{{.Tag}}' | grep -E "^$repository/[a-z-]+:$tag(-jvm)?$" || true)
[[ -n $images ]] || { echo "no image $repository/*:$tag: run build/images/build.sh first" >&2; exit 1; }
for image in $images; do
  user=$(bah inspect --format '{{.OCIv1.Config.User}}' "$image")
  [[ $user == 10001:0 ]] || { echo "$image runs as '$user', not 10001:0" >&2; exit 1; }
  container=$(bah from --quiet "$image")
  root=$(bah mount "$container")
  for shell in bin/sh bin/bash bin/dash usr/bin/sh usr/bin/bash usr/bin/dash; do
    [[ ! -e $root/$shell ]] || { echo "$image holds a shell: /$shell" >&2; exit 1; }
  done
  bah umount "$container" >/dev/null
  bah rm "$container" >/dev/null
  echo "$image: user 10001, no shell"
done

router=$repository/router:$tag
grep -qx "$router" <<<"$images" || router=$repository/router:$tag-jvm
STATE=$(mktemp -d /tmp/switchboard-images.XXXXXX)
pids=()
trap 'pod rm -f switchboard-check-router >/dev/null 2>&1 || true; stop_all; rm -rf "$STATE"' EXIT
start_kafka "$STATE"
mkdir "$STATE/config"
key=sk-image-check
sed -e "s/LOCAL_KEY_SHA256/$(sha256_of "$key")/" -e "s/LOCAL_ADMIN_SHA256/$(sha256_of admin-$key)/" \
  dev/routing-simulated.yaml >"$STATE/config/routing.yaml"
chmod -R a+rX "$STATE/config"
pod run -d --name switchboard-check-router --network host --read-only --tmpfs /tmp \
  --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 -v "$STATE/config:/config:ro" \
  -e PORT=18180 -e MANAGEMENT_PORT="$(management_port 18180)" -e KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" -e SWITCHBOARD_ROUTER_ROUTING_FILE=/config/routing.yaml \
  "$router" >/dev/null
if ! await_ready 18180; then
  pod logs switchboard-check-router | tail -40 >&2
  exit 1
fi
answer=$(curl -fsS http://localhost:18180/v1/chat/completions -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' \
  -d '{"model":"ticket-teacher","messages":[{"role":"user","content":"I want a refund for this invoice"}]}')
grep -q '"content":"billing"' <<<"$answer" || { echo "unexpected answer: $answer" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' http://localhost:18180/q/metrics)
[[ $status == 404 ]] || { echo "the API port serves /q/metrics: $status" >&2; exit 1; }
echo "$router: started read-only with podman, ready, and answered; metrics only on the management port"
