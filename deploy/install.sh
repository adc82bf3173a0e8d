#!/usr/bin/env bash
# Installs release builds of the three executables and the systemd units on this machine.
# Certificates: put ca.pem and each service's pem/key in /etc/attache/certs (for a development
# set: `attache certs --out /etc/attache/certs --hostname "$(hostname -f)"`; the CA key goes to
# /etc/attache/certs-ca, keep it off the service machines).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v apt-get >/dev/null && { dpkg -s libsqlite3-0 >/dev/null 2>&1 || apt-get install -y libsqlite3-0; }
swift build -c release
bin=$(swift build -c release --show-bin-path)
install -m 0755 "$bin/attache" "$bin/attache-extractor" "$bin/attache-aggregator" /usr/local/bin/
for d in "$bin"/*.resources; do [ -e "$d" ] && cp -r "$d" /usr/local/bin/; done
id attache >/dev/null 2>&1 || useradd --system --home /var/lib/attache --shell /usr/sbin/nologin attache
install -d -m 0750 -o attache -g attache /etc/attache /etc/attache/certs /var/lib/attache
[ -f /etc/attache/attache.json ] || install -m 0640 -o attache -g attache deploy/attache.json /etc/attache/attache.json
install -m 0644 deploy/attache-aggregator.service deploy/attache-extractor.service /etc/systemd/system/
systemctl daemon-reload
echo "now: systemctl enable --now attache-aggregator attache-extractor"
