/** Spatial indexing on the local plane: a uniform grid of square cells with disc queries. */
package dnt.core.spatial;
