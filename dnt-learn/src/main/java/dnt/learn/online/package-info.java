/**
 * Online twinning of a running network twin (paper Sec. III-A): the V-twin initialisation of the
 * forecasters by synchronous, clustered federated learning on the history a live twin holds, then
 * H-twin refinement by asynchronous, staleness-weighted updates as each new day arrives, and the
 * forecasts the twin answers. Plain Java, driven by the live runtime's actors; nothing here knows
 * of actors or threads beyond the training pool it is given.
 */
@NullMarked
package dnt.learn.online;

import org.jspecify.annotations.NullMarked;
