/** Spatial indexing on the local plane: a uniform grid of square cells with disc queries. */
@NullMarked
package dnt.core.spatial;

import org.jspecify.annotations.NullMarked;
