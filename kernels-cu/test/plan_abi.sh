#!/usr/bin/env bash
# plan_abi.sh BUILD GDDIM — the C ABI of plans end to end (docs/c-abi.md), run by `make -C kernels-cu plan-test`:
#   1. for gDDIM-3, DPM-Solver++(2M), UniPC-bh2, PLMS on VP, gDDIM-2 and SSCS (stochastic) on CLD: `gddim plan`
#      writes the plan, examples/plan_gmm samples the 8-D GMM through it with its own network and writes its starting
#      noise, `gddim sample --init-noise` (same seed for the stochastic steps) samples the same; the two sample
#      files must be bit-identical (same plan, same fused kernels, and both networks round the same double eps);
#   2. the app built with ASan/UBSan (library compiled in) gives the same bits; under valgrind (memcheck, full leak
#      check) it reports no error and no leak;
#   3. `make install` into a temporary prefix; the app built from the installed copy with
#      `pkg-config --cflags --libs gdk` gives the same bits; the library carries its SONAME;
#   4. a corrupt plan is refused by both readers (`gddim plan --describe` exit 2, the C app with the status).
set -euo pipefail
BUILD=$(cd "$1" && pwd)
GDDIM=$2
HERE=$(cd "$(dirname "$0")/.." && pwd)
GMM=$HERE/../models/gmm/gmm-8d-5.json
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
APP=$BUILD/examples/plan_gmm
N=300
SEED=7

run_case() { # name process solver extra-args...
    local name=$1 process=$2 solver=$3
    shift 3
    "$GDDIM" plan --process "$process" --model "gmm:$GMM" --solver "$solver" "$@" --out "$TMP/$name.gdkplan" > /dev/null
    "$APP" sample "$TMP/$name.gdkplan" "$GMM" $N $SEED "$TMP/$name-noise.npy" "$TMP/$name-c.npy" > /dev/null
    "$GDDIM" sample --process "$process" --model "gmm:$GMM" --solver "$solver" "$@" --n $N --seed $SEED \
        --init-noise "$TMP/$name-noise.npy" --out "$TMP/$name-java" --progress off > /dev/null
    printf '[plan %-8s] ' "$name"
    "$APP" compare "$TMP/$name-c.npy" "$TMP/$name-java/samples.npy" 0
}

run_case gddim3 vp gddim --order 3 --nfe 10
run_case dpmpp2m vp dpmpp --order 2 --nfe 10
run_case unipc vp unipc-bh2 --order 2 --nfe 10
run_case plms vp plms --nfe 12
run_case cld cld gddim --order 2 --nfe 20
run_case sscs cld sscs --nfe 20

echo "[plan asan+ubsan] cld, gddim3"
for c in cld gddim3; do
    "$BUILD/examples-asan/plan_gmm" sample "$TMP/$c.gdkplan" "$GMM" $N $SEED "$TMP/a-noise.npy" "$TMP/a.npy" > /dev/null
    "$APP" compare "$TMP/a.npy" "$TMP/$c-c.npy" 0 > /dev/null
done

echo "[plan valgrind] sscs (stochastic), unipc"
for c in sscs unipc; do
    valgrind --quiet --error-exitcode=3 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        "$APP" sample "$TMP/$c.gdkplan" "$GMM" 20 $SEED "$TMP/v-noise.npy" "$TMP/v.npy" > /dev/null
done

echo "[plan install] make install PREFIX=tmp; build with pkg-config"
make --no-print-directory -s -C "$HERE" BUILD="$BUILD" install PREFIX="$TMP/prefix" > /dev/null
[[ $(readelf -d "$TMP/prefix/lib/libgdk.so") =~ SONAME.*libgdk\.so\.[0-9] ]] || { echo "libgdk.so has no SONAME"; exit 1; }
export PKG_CONFIG_PATH=$TMP/prefix/lib/pkgconfig
# shellcheck disable=SC2046
cc -std=c11 -O2 -Wall -Wextra -Werror "$HERE/examples/plan_gmm.c" -o "$TMP/plan_gmm_installed" $(pkg-config --cflags --libs gdk) -lm
[[ $(ldd "$TMP/plan_gmm_installed") == *"$TMP/prefix/lib/libgdk.so"* ]] || { echo "the app did not link the installed copy"; exit 1; }
"$TMP/plan_gmm_installed" sample "$TMP/dpmpp2m.gdkplan" "$GMM" $N $SEED "$TMP/i-noise.npy" "$TMP/i.npy" > /dev/null
"$APP" compare "$TMP/i.npy" "$TMP/dpmpp2m-c.npy" 0 > /dev/null

echo "[plan refusals] a corrupt plan, both readers"
cp "$TMP/gddim3.gdkplan" "$TMP/bad.gdkplan"
printf '\x7f' | dd of="$TMP/bad.gdkplan" bs=1 seek=200 conv=notrunc status=none
set +e
msg=$("$GDDIM" plan --describe "$TMP/bad.gdkplan" 2>&1); code=$?
cmsg=$("$APP" sample "$TMP/bad.gdkplan" "$GMM" 1 0 "$TMP/x.npy" "$TMP/y.npy" 2>&1); ccode=$?
set -e
[[ $code == 2 && $msg == *"plan checksum mismatch"* ]] || { echo "gddim accepted a corrupt plan: $code $msg"; exit 1; }
[[ $ccode == 1 && $cmsg == *"status 36"* ]] || { echo "the C loader accepted a corrupt plan: $ccode $cmsg"; exit 1; }
echo "✓ plan ABI: C app == Java engine bit for bit (6 plans), ASan/UBSan, valgrind, pkg-config install, refusals"
