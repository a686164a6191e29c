package dnt.caching.rl;

import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL's PyTorch engine allows one collecting GradientCollector per process, so the gradient steps
 * of every network of this package (Q networks, policies, critics) trained on parallel threads are
 * serialised, fairly so that threads alternate (inference runs on plain-Java mirrors).
 */
final class GradientLock {
  /** The process-wide lock around a gradient step. */
  static final ReentrantLock LOCK = new ReentrantLock(true);

  private GradientLock() {}
}
