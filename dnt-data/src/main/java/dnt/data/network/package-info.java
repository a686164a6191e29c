/**
 * A user's own network: the station list (the {@code dnt twin sinr} CSV, with optional carrier,
 * bandwidth and capacity columns), the cell grid (GeoJSON polygons with numeric ids), and the radio
 * twin built from them, the counterpart of the bundled Milan grid and OpenCellID stations.
 */
@NullMarked
package dnt.data.network;

import org.jspecify.annotations.NullMarked;
