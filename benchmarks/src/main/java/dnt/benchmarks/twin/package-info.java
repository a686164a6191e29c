/** Benchmarks of the network twin at city scale (issue 4's performance targets). */
@NullMarked
package dnt.benchmarks.twin;

import org.jspecify.annotations.NullMarked;
