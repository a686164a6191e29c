/**
 * The radio-map fusion study (paper Sec. III-A2 b, multi-twin merging; docs/raytrace.md): per seed
 * a synthetic city, small cells and users in its streets, ray-traced path-gain maps, and three
 * twins that differ only in path loss (TR 38.901 UMi, the maps, their fusion). {@link
 * dnt.experiments.fusion.FusionSettings}, {@link dnt.experiments.fusion.FusionStudy} (one
 * replication), {@link dnt.experiments.fusion.FusionExperiment} (the run), {@link
 * dnt.experiments.fusion.FusionReport} (tables and report).
 */
@NullMarked
package dnt.experiments.fusion;

import org.jspecify.annotations.NullMarked;
