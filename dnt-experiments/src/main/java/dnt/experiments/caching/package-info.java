/**
 * The reliable edge-caching study (case study IV-B of the DNT paper, Figs. 4 and 5): the four RL
 * systems, the classic policies and the clairvoyant references on the same common and rare request
 * streams.
 */
@NullMarked
package dnt.experiments.caching;

import org.jspecify.annotations.NullMarked;
