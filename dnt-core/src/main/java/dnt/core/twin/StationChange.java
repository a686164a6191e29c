package dnt.core.twin;

/**
 * A station twin whose external state an event changed.
 *
 * @param before its state before the event
 * @param after its state after the event
 */
public record StationChange(StationState before, StationState after) {}
