package dnt.learn.deploy.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The agent's DJL sessions, opened with the calling thread's PyTorch intra-op thread count set to
 * the process's ({@code ai.djl.pytorch.num_threads}, one in {@code ./dnt} and the tests).
 *
 * <p>DJL applies that property once, on the thread that loads the engine. PyTorch keeps the setting
 * per thread for OpenMP and MKL and brings a new thread to it lazily, when the thread first asks
 * for its thread count, which an operation does only when it is large enough to be worth
 * parallelising. A small agent's matrix products therefore ran on MKL's default thread count (the
 * cores) on the study's worker threads ({@code threads > 1}) and on one thread on the main thread,
 * and MKL's multi-threaded products round differently: per-station PPO's 10-station rows of the
 * sweep in {@code docs/results/deployment/scale-station-sparse-5seeds-20261205} changed (below
 * 5e-5) with {@code threads}, and also with {@code MKL_NUM_THREADS=1} or {@code OMP_NUM_THREADS=1}
 * set they did not (docs/deployment.md, "Reproducibility"). Asking for the count first applies the
 * process's setting on every thread, so results no longer depend on which thread runs them.
 */
final class TorchThreads {
  static {
    // load the native engine (it applies ai.djl.pytorch.num_threads) before any JniUtils call
    Engine.getEngine("PyTorch");
  }

  private TorchThreads() {}

  /**
   * A new base manager, the calling thread's intra-op thread count first brought to the process's.
   *
   * @return the manager, to be closed by the caller
   */
  static NDManager manager() {
    // at::get_num_threads() runs PyTorch's per-thread lazy initialisation, which applies the
    // process's count to OpenMP and MKL on this thread
    JniUtils.getNumThreads();
    return NDManager.newBaseManager();
  }
}
