/**
 * Preparing traffic datasets for learning: the train/test split and per-cell z-score normalisation
 * of ARCHITECTURE.md "Data conventions".
 */
@NullMarked
package dnt.data.prep;

import org.jspecify.annotations.NullMarked;
