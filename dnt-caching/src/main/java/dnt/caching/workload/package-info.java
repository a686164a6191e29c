/**
 * Seeded request models for caching networks: Zipf/IRM with per-station popularity, shot noise, and
 * the rare regimes (popularity shifts, flash crowds, rate surges, Zipf exponent jumps).
 */
@NullMarked
package dnt.caching.workload;

import org.jspecify.annotations.NullMarked;
