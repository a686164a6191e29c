/**
 * The one way the domain modules (dnt-learn, dnt-caching, and dnt-live through dnt-learn) open a
 * DJL session on the PyTorch engine: {@link dnt.torch.TorchThreads}. It is its own module because
 * dnt-core may not use DJL and dnt-learn and dnt-caching may not use each other.
 */
@NullMarked
package dnt.torch;

import org.jspecify.annotations.NullMarked;
