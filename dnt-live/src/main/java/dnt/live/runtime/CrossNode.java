package dnt.live.runtime;

/**
 * Marks a message that may cross from one node of the cluster to another (a command to a sharded
 * entity or the aggregator singleton, or its reply); the configuration binds it to {@link
 * MessageSerializer}, never to Java serialization. Messages an actor only sends itself or its own
 * node's actors implement {@code NoSerializationVerificationNeeded} instead.
 */
public interface CrossNode {}
