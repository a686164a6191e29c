/** Benchmarks of the network twin at city scale (issue 4's performance targets). */
package dnt.benchmarks.twin;
