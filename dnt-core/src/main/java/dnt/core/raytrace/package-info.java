/**
 * A quasi-deterministic ray tracer for urban macro and small cells (paper Sec. III-A3, twinning
 * data by ray tracing): buildings as extruded footprints, line of sight, specular wall reflections
 * up to order 2 by the image method, the ground reflection alone and with a wall, Fresnel
 * coefficients from ITU-R P.2040 materials, and optional multi-edge rooftop diffraction (ITU-R
 * P.526 single knife edge combined by Epstein and Peterson).
 */
@NullMarked
package dnt.core.raytrace;

import org.jspecify.annotations.NullMarked;
