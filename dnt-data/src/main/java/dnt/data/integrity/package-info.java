/**
 * Synchronization integrity of a telemetry stream (the paper's Sec. III-C1): a robust residual
 * monitor (median/MAD over a sliding window), its parameters and verdicts, and the mask-predict
 * rule that the live twin ({@code dnt-live}) and the integrity study ({@code dnt experiment
 * integrity}) both run. Plain Java, no runtime.
 */
@NullMarked
package dnt.data.integrity;

import org.jspecify.annotations.NullMarked;
