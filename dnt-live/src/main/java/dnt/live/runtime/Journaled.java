package dnt.live.runtime;

/**
 * Marks what is written to the journal or the snapshot store; the configuration binds it to {@link
 * LiveSerializer}, never to Java serialization.
 */
public interface Journaled {}
