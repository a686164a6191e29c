package dnt.live.radio;

/**
 * Marks a message of the partitioned radio twin that may cross nodes (a command to a region entity
 * or its reply); the configuration binds it to {@link RegionSerializer}, never to Java
 * serialization.
 */
public interface RegionWire {}
