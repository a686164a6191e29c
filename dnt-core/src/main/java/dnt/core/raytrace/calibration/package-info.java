/**
 * Calibration of the ray tracer to measurements (paper Sec. III-A3: "a small amount of real
 * measurements used to tune the tracer's channel parameters"): a per-material extra loss per
 * reflection fitted by Levenberg-Marquardt least squares, and a seeded synthetic measurement
 * campaign with hidden true losses to test it against.
 */
@NullMarked
package dnt.core.raytrace.calibration;

import org.jspecify.annotations.NullMarked;
