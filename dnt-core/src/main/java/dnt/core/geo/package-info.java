/** Positions in metres on a local plane, bounds, and the projection from longitude/latitude. */
package dnt.core.geo;
