/**
 * Traffic forecasters on DJL's PyTorch engine (the models of the paper's case study IV-A): the dual
 * LSTM over closeness and period windows, single-branch LSTM and GRU, and an MLP, each with its
 * parameters as one flat {@code float[]} for federated learning; plus the window features they
 * read.
 */
@NullMarked
package dnt.learn.forecast;

import org.jspecify.annotations.NullMarked;
