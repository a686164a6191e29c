"""Collects the five calibrations into summary.csv (per seed and class) and rmse.csv."""
import json
import math
import sys
from pathlib import Path

d = Path(sys.argv[1])
rows = ["seed,class,true_db,fitted_db,standard_error_db,error_over_se"]
rmse = ["seed,train_points,holdout_points,rmse_before_db,rmse_after_db,"
        "holdout_rmse_before_db,holdout_rmse_after_db"]
for seed in range(1, 6):
    truth = json.loads((d / f"truth-{seed}.json").read_text())["losses_db"]
    calib = json.loads((d / f"calib-{seed}.json").read_text())
    for name, c in calib["classes"].items():
        se = c["standard_error_db"]
        err = (c["loss_db"] - truth[name]) / se if se else float("nan")
        rows.append(f"{seed},{name},{truth[name]},{c['loss_db']:.3f},"
                    f"{se if se is not None else float('nan'):.3f},{err:.2f}")
    rmse.append(",".join(str(calib[k]) if isinstance(calib[k], int) else f"{calib[k]:.3f}"
                         for k in ["train_points", "holdout_points", "rmse_before_db",
                                   "rmse_after_db", "holdout_rmse_before_db",
                                   "holdout_rmse_after_db"]).join([f"{seed},", ""]))
(d / "summary.csv").write_text("\n".join(rows) + "\n")
(d / "rmse.csv").write_text("\n".join(rmse) + "\n")
