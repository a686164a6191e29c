/**
 * The radio twin partitioned by region for a live twin on a cluster (docs/cluster.md): the plan
 * that cuts a radio twin into square tiles with read-only copies of the border stations each region
 * needs ({@link dnt.live.radio.RegionPlan}), the sharded region entities that keep one {@code
 * NetworkTwin} each and exchange border demands by message ({@link dnt.live.radio.RadioRegion}),
 * the gathering of their KPIs ({@link dnt.live.radio.RegionRadio}) and their wire format ({@link
 * dnt.live.radio.RegionSerializer}).
 */
@NullMarked
package dnt.live.radio;

import org.jspecify.annotations.NullMarked;
