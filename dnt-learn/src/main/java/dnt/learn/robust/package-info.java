/**
 * Byzantine-robust aggregation rules for federated twinning (paper Sec. IV-C): coordinate-wise
 * median and trimmed mean, Krum, Multi-Krum, Bulyan, geometric median, centered clipping, norm
 * bounding, FLTrust, DnC, FLAME and the paper's Twin Inconsistency Defense (TID), picked by name
 * from {@link dnt.learn.robust.AggregationRules}, plus {@link dnt.learn.robust.GuardedAggregation},
 * which keeps malformed updates (wrong dimension, NaN, infinities) out of any rule and a non-finite
 * aggregate out of the global model.
 */
@NullMarked
package dnt.learn.robust;

import org.jspecify.annotations.NullMarked;
