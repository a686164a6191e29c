/**
 * The change-detection study (paper Sec. III-A2 a): seeded changes (a station switched off, a new
 * station, a shift in traffic similarity) injected into a twin graph of the Milan stations that
 * serve the bundled 25-square subset, detected by the GCN embeddings of {@link
 * dnt.learn.change.GcnDetector} and by the raw degree and load threshold baseline; detection delay
 * and false alarms over seeds with 95% intervals. docs/change-detection.md.
 */
@NullMarked
package dnt.experiments.changedetection;

import org.jspecify.annotations.NullMarked;
