/**
 * The in-memory reference implementation of {@link dnt.live.LiveTwin}: the semantics (keyed
 * replacement, atomic refusal, traffic sums) that the Pekko runtime must match, used by tests and,
 * until the runtime is wired in, by {@code dnt serve}.
 */
@NullMarked
package dnt.live.memory;

import org.jspecify.annotations.NullMarked;
