/**
 * The embedded DuckDB traffic store: streaming ingest of raw Milan files into per-(cell, slot)
 * totals, summary information, the exact CSV export, and loaders returning {@code TrafficDataset}.
 */
@NullMarked
package dnt.data.store;

import org.jspecify.annotations.NullMarked;
