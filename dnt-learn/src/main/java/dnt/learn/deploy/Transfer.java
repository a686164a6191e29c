package dnt.learn.deploy;

/**
 * What one station's synchronisation transfer did in a period.
 *
 * @param mapping the mapping method
 * @param share its share of the uplink band, in [0, 1]
 * @param powerDbm its transmit power, dBm
 * @param sinrDb the SINR at the twin's host, dB ({@code -Infinity} without bandwidth)
 * @param rateBps the uplink rate, bit/s
 * @param payloadBytes the bytes it had to send
 * @param sentBytes the bytes it sent before it finished or the period ended
 * @param latencyS training plus transfer time, seconds ({@code Infinity} without bandwidth)
 * @param energyJ transmit plus training energy, joules
 * @param arrived whether the payload arrived within the period
 */
public record Transfer(
    Mapping mapping,
    double share,
    double powerDbm,
    double sinrDb,
    double rateBps,
    double payloadBytes,
    double sentBytes,
    double latencyS,
    double energyJ,
    boolean arrived) {}
