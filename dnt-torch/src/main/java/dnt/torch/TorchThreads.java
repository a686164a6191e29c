package dnt.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Every DJL session of the project, opened with the calling thread's PyTorch intra-op thread count
 * set to the process's ({@code ai.djl.pytorch.num_threads}, one in {@code ./dnt} and the tests).
 *
 * <p>DJL applies that property once, on the thread that loads the engine. PyTorch keeps the setting
 * per thread for OpenMP and MKL and brings a new thread to it lazily, when the thread first asks
 * for its thread count, which an operation does only when it is large enough to be worth
 * parallelising. Smaller operations that call MKL directly (matrix products) therefore ran on MKL's
 * default thread count (the cores) on a study's worker threads and on one thread on the main
 * thread, and MKL's multi-threaded products round differently: per-station PPO's 10-station rows of
 * the sweep in {@code docs/results/deployment/scale-station-sparse-5seeds-20261205} changed (below
 * 5e-5) with {@code threads}, and with {@code MKL_NUM_THREADS=1} or {@code OMP_NUM_THREADS=1} set
 * they did not (docs/deployment.md, "Reproducibility"). Asking for the count first applies the
 * process's setting on every thread, so results no longer depend on which thread runs them (nor on
 * the machine's core count), and a session uses the cores the docs say.
 *
 * <p>Use {@link #manager()} where a session opens its own base manager and {@link #onThisThread()}
 * before DJL calls that open one internally ({@code Model.newInstance}, a trainer's step) on a
 * thread that may not have been brought to the setting yet. Both are cheap after a thread's first
 * call (PyTorch checks a thread-local flag).
 */
public final class TorchThreads {
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
  public static NDManager manager() {
    onThisThread();
    return NDManager.newBaseManager();
  }

  /**
   * Brings the calling thread's intra-op thread count (OpenMP and MKL) to the process's.
   *
   * @return the process's intra-op thread count
   */
  public static int onThisThread() {
    // at::get_num_threads() runs PyTorch's per-thread lazy initialisation, which applies the
    // process's count to OpenMP and MKL on this thread
    return JniUtils.getNumThreads();
  }
}
