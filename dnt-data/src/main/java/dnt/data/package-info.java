/** Datasets: Milan readers, the DuckDB telemetry store, synthetic generators, splits. */
package dnt.data;
