package dnt.learn.fl;

import dnt.learn.forecast.TrainingRecipe;
import java.util.ArrayList;
import java.util.List;

/**
 * No personalisation (registry name {@code none}): every station forecasts with the model the
 * synchronous phase left it, as the paper's V-twin does. Nothing is trained; the ledger records the
 * download of the final model by every station.
 */
public record KeepTwin() implements Personalisation {
  @Override
  public List<float[]> personalise(
      LocalTraining pool,
      List<FlClient> clients,
      FederatedResult result,
      TrainingRecipe recipe,
      long seed,
      CostLedger ledger) {
    FineTune.check(clients, result);
    long modelBytes = LinkModel.modelBytes(result.global().length);
    List<float[]> out = new ArrayList<>(clients.size());
    for (int i = 0; i < clients.size(); i++) {
      ledger.transfer(clients.get(i).id(), modelBytes, clients.get(i).linkRate(), false);
      out.add(result.stationModels().get(i).clone());
    }
    return out;
  }
}
