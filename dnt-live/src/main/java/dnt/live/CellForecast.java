package dnt.live;

import dnt.core.CellId;
import java.util.Objects;

/**
 * A cell's forecast: internet activity of the slots after its newest one, by the model the
 * federated twinning holds for it (its cluster twin), recursively one slot at a time.
 *
 * @param cell the cell
 * @param originMillis the start of the first forecast slot, epoch ms UTC (the end of the cell's
 *     newest slot)
 * @param stepMillis the slot length, 600,000 ms
 * @param internet the forecast activity per slot from the origin, in the telemetry's units
 * @param model the forecaster's registry name ("mlp")
 * @param version the twinning's version (1 after the V-twin, more with every H-twin update)
 * @param lastError observed minus the model's one-step forecast of the cell's newest slot, NaN if
 *     the cell holds too few slots
 */
public record CellForecast(
    CellId cell,
    long originMillis,
    long stepMillis,
    double[] internet,
    String model,
    long version,
    double lastError) {
  /** Copies the array. */
  public CellForecast {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(model, "model");
    internet = internet.clone();
  }

  @Override
  public double[] internet() {
    return internet.clone();
  }
}
