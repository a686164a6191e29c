/**
 * What every experiment writes: a results folder per run with the effective config, a manifest
 * (seed, version, inputs and their checksums, wall time), CSV tables, PNG plots and a report.
 */
@NullMarked
package dnt.experiments.report;

import org.jspecify.annotations.NullMarked;
