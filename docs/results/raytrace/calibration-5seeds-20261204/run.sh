#!/usr/bin/env bash
# The synthetic calibration campaign of docs/raytrace.md, "Calibration": one 400 m synthetic city,
# a 25 m mast in the street along its south edge, five seeded campaigns of 500 points with noise
# sigma 2 dB and hidden losses drawn per seed, each calibrated with 30 % held out.
# Run from the repository root: docs/results/raytrace/calibration-5seeds-20261204/run.sh
set -euo pipefail
d="$(dirname "$0")"
./dnt raytrace city --width 400 --depth 400 --seed 7 --out "$d/city.geojson" --overwrite
for seed in 1 2 3 4 5; do
  ./dnt raytrace campaign --scene "$d/city.geojson" --tx 200,6,25 --area 0,0,400,400 \
    --carrier-ghz 3.5 --points 500 --sigma-db 2 --seed "$seed" \
    --out "$d/measurements-$seed.csv" --truth "$d/truth-$seed.json" --overwrite
  ./dnt raytrace calibrate --scene "$d/city.geojson" --tx 200,6,25 --carrier-ghz 3.5 \
    --measurements "$d/measurements-$seed.csv" --holdout 0.3 --seed "$seed" \
    --out "$d/calib-$seed.json" --overwrite
done
python3 "$d/summarise.py" "$d"
