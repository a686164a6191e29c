/** Headless PNG plots with JFreeChart: bars with confidence intervals, lines, heat maps. */
@NullMarked
package dnt.experiments.plot;

import org.jspecify.annotations.NullMarked;
