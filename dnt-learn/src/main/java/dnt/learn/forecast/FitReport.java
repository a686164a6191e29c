package dnt.learn.forecast;

/**
 * What one {@link Forecaster#fit} call did.
 *
 * @param steps optimizer steps taken
 * @param samples samples seen (epochs times the sample count)
 * @param meanLoss the mean training loss over the last epoch's batches
 * @param cpuNanos CPU time of the training thread
 */
public record FitReport(int steps, long samples, double meanLoss, long cpuNanos) {}
