/** Datasets: Milan readers, the DuckDB telemetry store, synthetic generators, splits. */
@NullMarked
package dnt.data;

import org.jspecify.annotations.NullMarked;
