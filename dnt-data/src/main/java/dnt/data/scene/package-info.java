/**
 * Files of the ray tracer: a scene of building footprints as GeoJSON (local metres or WGS84) and
 * receiver lists as CSV.
 */
@NullMarked
package dnt.data.scene;

import org.jspecify.annotations.NullMarked;
