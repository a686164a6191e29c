package dnt.core.twin;

/**
 * A user twin whose external state an event changed.
 *
 * @param before its state before the event
 * @param after its state after the event
 */
public record UserChange(UserState before, UserState after) {}
