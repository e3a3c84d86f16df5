#!/usr/bin/env bash
# Installs the tools bench/run.sh compares glossator with, each only if it is
# missing: mdBook (from crates.io, several minutes to compile), Hugo, and GNU
# time (Debian packages). Zola is not packaged in Debian 12: run.sh takes a
# zola binary from ZOLA= (or PATH); it benchmarks none it cannot find.
set -u

apt_updated=0
apt_install() {
    if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
        echo "install-peers: not root and no sudo: install $* by hand" >&2
        return 1
    fi
    local SUDO=""
    [ "$(id -u)" != 0 ] && SUDO=sudo
    if [ "$apt_updated" = 0 ]; then
        $SUDO apt-get update -qq && apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

if command -v mdbook >/dev/null; then
    echo "mdbook: present ($(mdbook --version))"
else
    echo "mdbook: installing with cargo install mdbook --locked (takes minutes)"
    cargo install mdbook --locked || echo "install-peers: mdbook failed to install" >&2
fi

if command -v hugo >/dev/null; then
    echo "hugo: present ($(hugo version | head -1))"
else
    echo "hugo: installing the Debian package"
    apt_install hugo || echo "install-peers: hugo failed to install" >&2
fi

if [ -x /usr/bin/time ]; then
    echo "time: present"
else
    echo "time: installing the Debian package (not needed by run.sh, handy for checks)"
    apt_install time || true
fi

if command -v zola >/dev/null; then
    echo "zola: present ($(zola --version))"
else
    echo "zola: not installed (no Debian 12 package; install it yourself, or give run.sh its path in ZOLA=)"
fi
