/**
 * Building network twins from data: a twin of Milan from the bundled grid, base stations and
 * traffic, and synthetic cities of any size for benchmarks.
 */
@NullMarked
package dnt.data.twinbuild;

import org.jspecify.annotations.NullMarked;
