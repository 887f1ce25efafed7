#!/bin/sh
# The layers of lib/ include only downwards (lib/README.md); make lint runs
# the same check.
exec sh mk/layers.sh
