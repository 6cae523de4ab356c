#!/usr/bin/env bash
# Installs the Debian packages Atrium needs to build, test and run, skipping
# those already present. Safe to run again; it only calls apt when something
# is missing.
set -euo pipefail

packages=(
  g++ make cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libutf8proc-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libpq-dev libhiredis-dev
  libcli11-dev libspdlog-dev libfmt-dev libldap-dev
  libssl-dev libcurl4-openssl-dev liblasso3-dev libxmlsec1-dev
  libvips-dev libmagic-dev libpoppler-cpp-dev libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
  libkainjow-mustache-dev prometheus-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi
# Services and tools only the test suite needs.
# slapd and ldap-utils: the LDAP tests start their own slapd on loopback.
# postgresql-15 (with psql): scripts/test-services.sh starts a throwaway
# PostgreSQL for the unit and API tests of the PostgreSQL store.
# redis-server (with redis-cli): scripts/test-services.sh starts a throwaway
# Redis beside it, for the API suite in cluster mode.
# nginx: the cluster test puts two nodes behind it (docs/nginx-atrium.conf).
# chromium and fonts-liberation: the browser tests drive Debian's Chromium
# headless (playwright-core downloads no browser of its own);
# fonts-ipafont-gothic draws the Japanese interface's screenshots.
# libimage-exiftool-perl: the media tests read back what metadata a served
# picture still carries with a real EXIF reader.
# python3-aiosmtpd: the e-mail tests receive mail with a real SMTP server on
# loopback. prometheus: the metrics test scrapes Atrium with a real Prometheus.
# clang and libclang-rt-14-dev: the fuzz targets (tests/fuzz) are built with
# clang's libFuzzer and sanitizers.
if [ "${1:-}" = "--test" ]; then
  packages+=(slapd ldap-utils postgresql-15 postgresql-client-15 redis-server redis-tools nginx
    chromium fonts-liberation fonts-ipafont-gothic clang libclang-rt-14-dev libimage-exiftool-perl
    python3-aiosmtpd prometheus)
fi
# Tools only the benchmark (make bench) needs: wrk drives the load, nginx
# serves the static file Atrium is compared with (started by bench/run.mjs
# in the foreground, on loopback, with its own config).
if [ "${1:-}" = "--bench" ]; then
  packages+=(wrk nginx)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [[ " ${missing[*]} " == *" slapd "* ]]; then
  # No directory of its own: the tests configure and start slapd themselves.
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [[ " ${missing[*]} " == *" slapd "* ]]; then
  # The system's slapd service is not needed; make sure it is not left running.
  $sudo service slapd stop >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
  # Nor the cluster the package starts: the tests run their own.
  $sudo service postgresql stop >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" redis-server "* ]]; then
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" nginx "* ]]; then
  # Nor the system's nginx: the cluster test and the benchmark run their own.
  $sudo service nginx stop >/dev/null 2>&1 || true
fi
