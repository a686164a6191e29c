/**
 * The caching network's digital twin by vertical mapping: a per-station next-request forecaster
 * fitted from request logs, used as a one-step predictor and as a generator of synthetic episodes.
 */
@NullMarked
package dnt.caching.twin;

import org.jspecify.annotations.NullMarked;
