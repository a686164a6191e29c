package dnt.learn.fl;

import dnt.core.util.Seeds;
import dnt.learn.forecast.TrainingRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Local fine-tuning (registry name {@code fine-tune}): every station downloads the model the
 * synchronous phase left it (its cluster twin, or the global model) and trains it for {@code
 * epochs} epochs on its own training windows with the stations' recipe (FedAvg followed by local
 * adaptation, Wang et al. 2019, arXiv 1910.10252; Yu et al., "Salvaging federated learning by local
 * adaptation", arXiv 2002.04758). The station forecasts with the result; nothing goes back to the
 * server. Reconstructed: neither the paper nor FedDA personalises, and the number of epochs is a
 * hyperparameter chosen on the validation week.
 *
 * <p>Cost: one model download per station (the final twin) and the stations' training CPU time,
 * recorded in the ledger. Deterministic for a seed (station i trains with {@code Seeds.derive(seed,
 * i)}).
 *
 * @param epochs local epochs, at least 1
 */
public record FineTune(int epochs) implements Personalisation {
  /** Checks the fields. */
  public FineTune {
    if (epochs < 1) {
      throw new IllegalArgumentException("fine-tune epochs must be at least 1, got " + epochs);
    }
  }

  @Override
  public List<float[]> personalise(
      LocalTraining pool,
      List<FlClient> clients,
      FederatedResult result,
      TrainingRecipe recipe,
      long seed,
      CostLedger ledger) {
    check(clients, result);
    int n = clients.size();
    List<LocalTraining.Job> jobs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      jobs.add(
          new LocalTraining.Job(
              result.stationModels().get(i), clients.get(i).train(), Seeds.derive(seed, i)));
    }
    List<Future<LocalTraining.Result>> futures = pool.submitAll(jobs, recipe.withEpochs(epochs));
    long modelBytes = LinkModel.modelBytes(result.global().length);
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FlClient c = clients.get(i);
      LocalTraining.Result r = LocalTraining.await(futures.get(i));
      ledger.transfer(c.id(), modelBytes, c.linkRate(), false);
      ledger.compute(c.id(), r.report().cpuNanos());
      out.add(Vectors.add(result.stationModels().get(i), r.delta(), 1));
    }
    return out;
  }

  static void check(List<FlClient> clients, FederatedResult result) {
    if (clients.size() != result.stationModels().size()) {
      throw new IllegalArgumentException(
          clients.size()
              + " stations but the federated run has "
              + result.stationModels().size()
              + " station models");
    }
  }
}
