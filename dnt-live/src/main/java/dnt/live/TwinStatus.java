package dnt.live;

/**
 * A snapshot of the live twin's state for health checks and the status API.
 *
 * @param ready whether the twin accepts requests
 * @param cells cells the twin knows
 * @param rowsAccepted telemetry rows acknowledged since the state folder was created
 */
public record TwinStatus(boolean ready, int cells, long rowsAccepted) {}
