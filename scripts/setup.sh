#!/usr/bin/env bash
# Installs the Debian packages Victim First needs to build, test and open its window.
# Safe to run again. Uses sudo when not run as root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# gcc and libc6-dev link the binary; the rest are loaded at run time by the window
# (OpenGL through Mesa, X11 and Wayland, keyboard maps). On a desktop the file dialog
# uses the desktop portal; without one, `apt-get install zenity` provides a fallback.
$SUDO apt-get install -y --no-install-recommends \
    gcc libc6-dev \
    libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 \
    libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libwayland-client0 libwayland-egl1
# The wizard (issue 7): zenity gives the native file dialog where no desktop portal
# runs; Xvfb, xauth, imagemagick, xdotool and x11-utils take the README's
# screenshots and run the window benchmark headless.
$SUDO apt-get install -y --no-install-recommends \
    zenity xvfb xauth imagemagick xdotool x11-utils
# scripts/a11y-tree.sh, a11y-audit.sh, smoke-window.sh and crash-window.sh read the
# window over AT-SPI, as a screen reader does (zenity's dialog too, through GTK's bridge).
$SUDO apt-get install -y --no-install-recommends dbus at-spi2-core python3-pyatspi
# The decision note's tests check the PDF with real PDF tools (qpdf --check; pdftotext,
# pdfinfo and pdfdetach from poppler-utils); pdftoppm renders the README's picture of it.
# desktop-file-utils checks the Linux package's desktop entry (scripts/package-deb.sh).
$SUDO apt-get install -y --no-install-recommends poppler-utils qpdf desktop-file-utils
# tests/hostile.rs and scripts/no-network.sh trace the app with strace: no network.
$SUDO apt-get install -y --no-install-recommends strace time
