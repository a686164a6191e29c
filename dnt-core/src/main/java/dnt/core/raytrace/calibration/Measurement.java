package dnt.core.raytrace.calibration;

import dnt.core.raytrace.Point3;

/**
 * One measured point of a known transmitter.
 *
 * @param position where it was measured, local metres
 * @param rsrpDbm the measured received power, dBm (the local average over small-scale fading, as
 *     the tracer's received power adds paths in power)
 */
public record Measurement(Point3 position, double rsrpDbm) {}
