/** Positions in metres on a local plane, bounds, and the projection from longitude/latitude. */
@NullMarked
package dnt.core.geo;

import org.jspecify.annotations.NullMarked;
