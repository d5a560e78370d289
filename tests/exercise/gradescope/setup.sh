#!/bin/sh
# Gradescope's setup.sh: runs once, as root, when the autograder image is
# built; /autograder/source holds emlab (this zip). Debian/Ubuntu image.
set -eu
apt-get update
apt-get install -y --no-install-recommends build-essential pkg-config check gnuplot-nox
cd /autograder/source
make all workbook-checks build/grade/exercise
