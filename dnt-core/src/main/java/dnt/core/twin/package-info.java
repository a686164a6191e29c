/**
 * The network twin: base stations and users (the paper's physical network objects) with internal
 * and external properties, changed only through {@link dnt.core.twin.TwinEvent}s whose effects
 * propagate incrementally to every dependent twin, and reported as a {@link
 * dnt.core.twin.TwinDelta}. Forks (copy-on-write), snapshots and KPIs live here too.
 */
@NullMarked
package dnt.core.twin;

import org.jspecify.annotations.NullMarked;
