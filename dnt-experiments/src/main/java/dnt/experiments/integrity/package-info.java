/**
 * The synchronization-integrity study ({@code dnt experiment integrity}): the bundled 25-cell Milan
 * subset replayed with seeded faults (scaling, offset, frozen values, an old day replayed, a slow
 * drift) injected into some streams, judged by the live twin's own detector and mask-predict rule
 * ({@link dnt.data.integrity.MaskPredict}); detection delay, false alarms on clean streams, and the
 * twin's forecast error with and without masking.
 */
@NullMarked
package dnt.experiments.integrity;

import org.jspecify.annotations.NullMarked;
