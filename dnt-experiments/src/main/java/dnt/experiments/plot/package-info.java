/** Headless PNG plots with JFreeChart: bars with confidence intervals, lines, heat maps. */
package dnt.experiments.plot;
