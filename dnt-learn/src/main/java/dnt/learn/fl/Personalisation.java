package dnt.learn.fl;

import dnt.learn.forecast.TrainingRecipe;
import java.util.List;

/**
 * How each station turns the model the synchronous phase left it (its cluster twin, or the global
 * model) into the model it forecasts with: a strategy of {@link Personalisations#REGISTRY}, applied
 * once after the last round. FedDA (Zhang, Dang, Shihada, Alouini, IEEE INFOCOM 2021, arXiv
 * 2110.05183) and the paper (Sec. III-A1) keep the cluster twin as the station's model;
 * personalising it on the station's own data is the standard remedy when stations differ (e.g. Wang
 * et al., "Federated evaluation of on-device personalization", 2019: FedAvg followed by local
 * fine-tuning), and the study in docs/forecasting.md ("Does clustering earn its place?") measures
 * whether it does here.
 */
public interface Personalisation {
  /**
   * Each station's model after personalisation.
   *
   * @param pool the client training pool (of the federation's architecture)
   * @param clients the stations, in the federated run's order
   * @param result the synchronous run: its global model and each station's model
   * @param recipe the stations' local recipe (a strategy may change its epochs)
   * @param seed the seed of the personalisation step
   * @param ledger records each station's training CPU time and the download of its final model
   * @return each station's model, in client order (new arrays; the result's are not modified)
   */
  List<float[]> personalise(
      LocalTraining pool,
      List<FlClient> clients,
      FederatedResult result,
      TrainingRecipe recipe,
      long seed,
      CostLedger ledger);
}
