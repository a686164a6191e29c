/**
 * Preparing traffic datasets for learning: the train/test split and per-cell z-score normalisation
 * of ARCHITECTURE.md "Data conventions".
 */
package dnt.data.prep;
