/**
 * The settings of a run as YAML: read a user's file over the defaults, reject unknown keys naming
 * the key path and the file, and write the complete effective configuration back so that the run
 * reproduces from its own {@code config.yaml}.
 */
@NullMarked
package dnt.experiments.settings;

import org.jspecify.annotations.NullMarked;
