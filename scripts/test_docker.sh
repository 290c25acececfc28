#!/usr/bin/env bash
# The connector image end to end: Docker engine, stand-in base image, build, then spec/check/discover/read against the emulator.
#
# Needs root when Docker is not installed or not running (it installs docker.io from the Debian mirror and starts
# dockerd without systemd). No image registry is used: the base is a Debian bookworm root filesystem made with
# debootstrap and `docker import`ed, with the real base's Python line, user and working directory.
# Environment: PYTHON (host interpreter with the connector installed, default .venv/bin/python),
# STANDIN_IMAGE / CONNECTOR_IMAGE (tags), REBUILD_BASE=1 (rebuild the stand-in), DEBIAN_MIRROR, KEEP_WORKDIR=1.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
STANDIN_IMAGE=${STANDIN_IMAGE:-source-linkedin-pages-standin/python-connector-base:3.11-bookworm}
CONNECTOR_IMAGE=${CONNECTOR_IMAGE:-airbyte/source-linkedin-pages:dev}
DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd-test-docker.log}
WORK=$(mktemp -d /tmp/test-docker.XXXXXX)
# The container runs as `airbyte` and reads the config and catalog from a bind mount.
chmod 755 "$WORK"
RESULTS=$WORK/results.txt
: >"$RESULTS"
EMULATOR_PID=""
START=$(date +%s)

log() { printf '[test-docker %4ds] %s\n' "$(($(date +%s) - START))" "$*" >&2; }
pass() { echo "PASS $1" >>"$RESULTS"; log "PASS $1"; }
fail() { echo "FAIL $1" >>"$RESULTS"; log "FAIL $1"; }

summary_and_exit() {
    local passed failed
    passed=$(grep -c '^PASS' "$RESULTS")
    failed=$(grep -c '^FAIL' "$RESULTS")
    log "finished in $(($(date +%s) - START)) s"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

# A step that cannot go on (no engine, no image): record it and stop with the summary.
abort() { fail "$1"; summary_and_exit; }

cleanup() {
    if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null; fi
    if [ "${KEEP_WORKDIR:-0}" = 1 ]; then log "outputs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# docker.io's client (/usr/bin/docker) matches its daemon's API; a newer client elsewhere on PATH may not.
pick_docker() { if [ -x /usr/bin/docker ] && [ -x /usr/bin/dockerd ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi; }

# The Debian mirror apt already uses (deb822 `URIs:` or one-line `deb` entries), not the security archive.
debian_mirror() {
    if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
    local uri
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | sed -nE 's/^URIs:[[:space:]]*//p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+bookworm([[:space:]]|$).*/\2/p' \
        | tr ' ' '\n' | grep -E '/debian/?$' | grep -v security | head -n1)
    echo "${uri:-http://deb.debian.org/debian}"
}

apt_install() {
    if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq >/dev/null && APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

wait_for_daemon() {
    local i
    for i in $(seq 1 60); do
        "$DOCKER" info >/dev/null 2>&1 && return 0
        kill -0 "$1" 2>/dev/null || return 1
        sleep 1
    done
    return 1
}

start_dockerd() {
    # Our own flags, then the fallback for kernels without iptables or overlayfs: no bridge network (the tests use
    # --network host) and the vfs storage driver.
    local attempt pid
    for attempt in "" "--iptables=false --ip6tables=false --bridge=none --storage-driver=vfs"; do
        log "starting dockerd ${attempt:-(default options)}; log: $DOCKERD_LOG"
        # shellcheck disable=SC2086  # the options are words on purpose
        as_root setsid nohup dockerd $attempt >>"$DOCKERD_LOG" 2>&1 </dev/null &
        pid=$!
        if wait_for_daemon "$pid"; then
            log "dockerd is up (storage driver $("$DOCKER" info --format '{{.Driver}}'))"
            return 0
        fi
        log "dockerd ${attempt:-(default options)} did not come up; last log lines:"
        tail -n 5 "$DOCKERD_LOG" >&2
        as_root kill "$pid" 2>/dev/null
        as_root rm -f /var/run/docker.pid
        sleep 1
    done
    return 1
}

ensure_docker() {
    if ! command -v dockerd >/dev/null 2>&1; then
        log "installing docker.io from Debian"
        apt_install docker.io || return 1
    fi
    pick_docker
    "$DOCKER" info >/dev/null 2>&1 && return 0
    start_dockerd
}

build_standin_base() {
    # The cache key: this function's recipe and the host's extra CA certificates, which the stand-in copies.
    local key
    key=$( { declare -f build_standin_base; cat /usr/local/share/ca-certificates/*.crt 2>/dev/null; } | sha256sum | cut -c1-16)
    if [ "${REBUILD_BASE:-0}" != 1 ] \
        && [ "$("$DOCKER" image inspect --format '{{index .Config.Labels "standin.key"}}' "$STANDIN_IMAGE" 2>/dev/null)" = "$key" ]; then
        log "stand-in base $STANDIN_IMAGE is up to date; reusing it (REBUILD_BASE=1 rebuilds)"
        return 0
    fi
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap || return 1
    local rootfs=$WORK/rootfs mirror
    mirror=$(debian_mirror)
    log "debootstrap bookworm from $mirror"
    # python3-pip and python-is-python3: the real base has `python` and `pip` on PATH; ca-certificates for pip.
    as_root debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,python-is-python3,ca-certificates \
        bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log" >&2; return 1; }
    # Machines whose egress re-signs TLS (a proxy CA in the host's store) need that CA for pip in `docker build`.
    if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
        as_root cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    fi
    # Like the real base (a python:3.11 image): pip installs system-wide as root; user airbyte (uid 1000) owns /airbyte.
    as_root chroot "$rootfs" /bin/sh -ec '
        update-ca-certificates >/dev/null 2>&1
        rm -f /usr/lib/python3*/EXTERNALLY-MANAGED
        groupadd --gid 1000 airbyte
        useradd --uid 1000 --gid 1000 --home-dir /airbyte --no-create-home --shell /bin/bash airbyte
        mkdir -p /airbyte/integration_code
        chown -R airbyte:airbyte /airbyte
        apt-get clean
        rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /usr/share/doc /usr/share/man /usr/share/locale'
    as_root tar --numeric-owner -C "$rootfs" -c . | "$DOCKER" import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV PYTHONDONTWRITEBYTECODE=1' \
        --change 'WORKDIR /airbyte/integration_code' \
        --change 'USER airbyte' \
        --change 'CMD ["python3"]' \
        --change "LABEL standin.key=$key" \
        - "$STANDIN_IMAGE" >/dev/null || return 1
    as_root rm -rf "$rootfs"
}

start_emulator() {
    "$PYTHON" -m linkedin_emulator --host 127.0.0.1 --port 0 --seed 11 --orgs 2 --posts 12 --days 400 \
        --comments 3 --reactions 4 --port-file "$WORK/port" >"$WORK/emulator.log" 2>&1 &
    EMULATOR_PID=$!
    local i
    for i in $(seq 1 50); do
        grep -q 'listening on' "$WORK/emulator.log" 2>/dev/null && break
        sleep 0.2
    done
    EMULATOR_URL=$(sed -n 's/^linkedin-emulator listening on //p' "$WORK/emulator.log")
    [ -n "$EMULATOR_URL" ]
}

# `docker run` of one connector command; the outputs go to $WORK/<name>.out and .err.
run_connector() {
    local name=$1
    shift
    "$DOCKER" run --rm --network host -v "$WORK/io:/io:ro" "$CONNECTOR_IMAGE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    echo $? >"$WORK/$name.rc"
}

# --- engine ---
[ -x "$PYTHON" ] || abort "host python $PYTHON exists (run make install)"
t0=$(date +%s)
ensure_docker || abort "docker engine installed and running (see $DOCKERD_LOG)"
pass "docker engine is running ($("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null), $(($(date +%s) - t0)) s)"

# --- images ---
t0=$(date +%s)
build_standin_base || abort "stand-in base image $STANDIN_IMAGE built"
pass "stand-in base image $STANDIN_IMAGE ready ($(($(date +%s) - t0)) s)"

t0=$(date +%s)
# The legacy builder resolves a local image in FROM without a registry; host network so pip reaches PyPI.
if DOCKER_BUILDKIT=0 "$DOCKER" build --network host --build-arg BASE_IMAGE="$STANDIN_IMAGE" -t "$CONNECTOR_IMAGE" . \
    >"$WORK/build.log" 2>&1; then
    pass "connector image $CONNECTOR_IMAGE built FROM the stand-in base ($(($(date +%s) - t0)) s)"
else
    tail -n 30 "$WORK/build.log" >&2
    abort "connector image built (docker build failed)"
fi

"$DOCKER" image inspect "$CONNECTOR_IMAGE" --format '{{json .Config}}' >"$WORK/image_config.json"
# What the image holds under its working directory: the emulator and tests must not be there.
"$DOCKER" run --rm --entrypoint /bin/sh "$CONNECTOR_IMAGE" -c \
    'id -un; python --version; ls -A /airbyte/integration_code; python -c "import linkedin_emulator" 2>/dev/null && echo EMULATOR_IMPORTABLE; true' \
    >"$WORK/image_contents.txt" 2>&1

# --- connector commands against the emulator ---
start_emulator || abort "emulator started on the host ($(cat "$WORK/emulator.log"))"
pass "emulator listening at $EMULATOR_URL"
mkdir -m 755 "$WORK/io"
"$PYTHON" scripts/check_docker_output.py config "$EMULATOR_URL" >"$WORK/io/config.json" || abort "config written"
chmod 644 "$WORK/io/config.json"

t0=$(date +%s)
run_connector spec spec
run_connector check check --config /io/config.json
run_connector discover discover --config /io/config.json
if "$PYTHON" scripts/check_docker_output.py catalog "$WORK/discover.out" >"$WORK/io/catalog.json"; then
    chmod 644 "$WORK/io/catalog.json"
    run_connector read read --config /io/config.json --catalog /io/catalog.json
else
    fail "configured catalog made from the container's discover output"
fi
log "spec, check, discover, read in the container took $(($(date +%s) - t0)) s"

# The checker's in-process discover logs to stdout; its verdicts go to stderr and the results file.
"$PYTHON" scripts/check_docker_output.py verify "$WORK" --results "$RESULTS" >"$WORK/checker.out" \
    || fail "output checker ran (see $WORK/checker.out)"
summary_and_exit
