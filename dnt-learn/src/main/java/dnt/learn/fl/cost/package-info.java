/**
 * The network under the forecasting study's cost (paper Sec. IV-A, Fig. 3): stations reach their
 * cluster head (an edge site) over a backhaul of a class (fibre, microwave, or wireless with its
 * rate from the twin's own link budget), heads reach the cloud over metro fibre, and a message's
 * time is the sum over the hops it crosses of {@code bytes / rate + latency}. {@link
 * dnt.learn.fl.cost.AnalyticCost} counts each method's messages from the study's settings (rounds,
 * clients per round, clusters, days, updates per day, raw-data volume) and prices them on a {@link
 * dnt.learn.fl.cost.CostNetwork}; on a flat one-hop network it equals what {@link
 * dnt.learn.fl.CostLedger} records.
 */
@NullMarked
package dnt.learn.fl.cost;

import org.jspecify.annotations.NullMarked;
