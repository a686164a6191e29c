/**
 * Federated learning of twins (paper Sec. III-A, IV-A): clients, synchronous and asynchronous
 * schedules, clustering, cost accounting, and the two extension points the security code plugs
 * into: {@link dnt.learn.fl.AggregationRule} (how the server combines updates) and {@link
 * dnt.learn.fl.Adversary} (what fake or malicious clients send).
 */
@NullMarked
package dnt.learn.fl;

import org.jspecify.annotations.NullMarked;
