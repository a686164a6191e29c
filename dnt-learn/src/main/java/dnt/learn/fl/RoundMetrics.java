package dnt.learn.fl;

/**
 * What happened in one synchronous round or one asynchronous server step.
 *
 * @param round the round (or server step), from 0
 * @param participants updates accepted and aggregated
 * @param rejected updates rejected by validation
 * @param meanTrainLoss the mean local training loss of the benign clients
 * @param updateNorm the L2 norm of the change of the global model
 * @param simulatedSeconds the simulated clock at the end of the round
 * @param evaluationMse the evaluation MSE after the round, NaN when not evaluated
 */
public record RoundMetrics(
    int round,
    int participants,
    int rejected,
    double meanTrainLoss,
    double updateNorm,
    double simulatedSeconds,
    double evaluationMse) {}
